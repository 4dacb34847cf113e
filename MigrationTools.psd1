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
    # Written at build (src/MigrationTools.HelpGen) from the view attributes of the models.
    FormatsToProcess     = @('MigrationTools.format.ps1xml')
    # Filled in at build (src/MigrationTools.HelpGen) with every cmdlet class of the module:
    # out/MigrationTools/MigrationTools.psd1 lists them.
    CmdletsToExport      = @()
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
