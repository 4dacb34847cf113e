@{
    RootModule           = 'MigrationTools.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5f0d6c59-2b7e-4d8f-9a43-6c1e2f7b8a10'
    Author               = 'MigrationTools contributors'
    CompanyName          = 'MigrationTools'
    Copyright            = '(c) MigrationTools contributors. MIT License.'
    Description          = 'Typed, paged, signed access to Huawei Cloud migration tasks: DCS (Redis) migrations and their progress, RocketMQ metadata migrations, and RDS for SQL Server backup migrations.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('MigrationTools.format.ps1xml')
    TypesToProcess       = @('MigrationTools.types.ps1xml')
    CmdletsToExport      = @(
        'Get-DcsMigrationTask'
        'Get-DcsMigrationStats'
        'Get-RocketMqMigrationTask'
        'Get-RdsBackupMigrationJob'
        'Wait-DcsMigrationTask'
        'Wait-RdsBackupMigrationJob'
        'Wait-RocketMqMigrationTask'
        'Set-HuaweiCloudProfile'
        'Get-HuaweiCloudProfile'
        'Remove-HuaweiCloudProfile'
        'Use-HuaweiCloudProfile'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('HuaweiCloud', 'DCS', 'Redis', 'RocketMQ', 'RDS', 'DRS', 'Migration', 'PSEdition_Desktop', 'PSEdition_Core')
            LicenseUri   = 'https://github.com/migrationtools/MigrationTools/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/migrationtools/MigrationTools'
            ReleaseNotes = 'First release: Get-DcsMigrationTask, Get-DcsMigrationStats, Get-RocketMqMigrationTask, Get-RdsBackupMigrationJob.'
        }
    }
}
