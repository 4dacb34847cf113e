#!/usr/bin/env python3
"""Writes tests/Contract/sdk-contract.json: the response models the module reads, as a named commit of
huaweicloud/huaweicloud-sdk-go-v3 defines them (field JSON names, JSON types, enums, documented values, the file
each model came from). It reads a local clone; no SDK code is copied, only these facts.

    python3 tools/sdk-contract/extract.py /path/to/huaweicloud-sdk-go-v3 [commit] > tests/Contract/sdk-contract.json
"""
import json, re, subprocess, sys

# The operations the module calls and the SDK response (or body) model each answer is held to.
OPERATIONS = [
    ("DCS ListMigrationTask", "dcs", "services/dcs/v2/model", "ListMigrationTaskResponse"),
    ("DCS ShowMigrationTask", "dcs", "services/dcs/v2/model", "ShowMigrationTaskResponse"),
    ("DCS ShowMigrationTaskStats", "dcs", "services/dcs/v2/model", "ShowMigrationTaskStatsResponse"),
    ("RocketMQ ListRocketMqMigrationTask", "rocketmq", "services/rocketmq/v2/model", "ListRocketMqMigrationTaskResponse"),
    ("RocketMQ CreateRocketMqMigrationTask body (echoed by json_content)", "rocketmq", "services/rocketmq/v2/model", "CreateRocketMqMigrationTaskReq"),
    ("DMS ListInstances (RocketMQ)", "rocketmq", "services/rocketmq/v2/model", "ListInstancesResponse"),
    ("DRS ListReplicationJobs", "drs", "services/drs/v5/model", "ListReplicationJobsResponse"),
    ("DRS ShowReplicationJob", "drs", "services/drs/v5/model", "ShowReplicationJobResponse"),
    ("IAM KeystoneListProjects", "iam", "services/iam/v3/model", "KeystoneListProjectsResponse"),
]
# Request enums the module sends (the engine of ListInstances).
REQUEST_MODELS = [("rocketmq", "services/rocketmq/v2/model", "ListInstancesRequest")]

SCALARS = {"string": "string", "bool": "boolean", "int32": "integer", "int64": "integer", "int": "integer",
           "float32": "number", "float64": "number", "interface{}": "any", "sdktime.SdkTime": "string"}


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True, text=True).stdout


def snake(name):
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


class Package:
    def __init__(self, repo, commit, folder):
        self.repo, self.commit, self.folder = repo, commit, folder
        self.files = git(repo, "ls-tree", "--name-only", commit, folder + "/").split()

    def source_of(self, type_name):
        guess = f"{self.folder}/model_{snake(type_name)}.go"
        candidates = [guess] if guess in self.files else self.files
        for path in candidates:
            text = git(self.repo, "show", f"{self.commit}:{path}")
            if re.search(rf"^type {type_name} struct {{", text, re.M):
                return path, text
        raise SystemExit(f"no struct {type_name} in {self.folder}")


def documented_values(comment):
    # "**取值范围**： - rocketmq：RocketMQ引擎。 - reliability：RocketMQ引擎别称。" -> ["rocketmq", "reliability"]
    m = re.search(r"取值范围\*\*[：:](.*?)(\*\*默认取值|$)", comment)
    if not m:
        return None
    values = re.findall(r"-\s*'?([A-Za-z0-9_|. ]+?)'?\s*[：:]", m.group(1))
    return values or None


def field_type(go_type, text, service, wanted):
    go_type = go_type.lstrip("*")
    if go_type.startswith("[]"):
        return {"type": "array", "items": field_type(go_type[2:], text, service, wanted)}
    m = re.match(r"map\[string\](.+)", go_type)
    if m:
        return {"type": "map", "values": field_type(m.group(1), text, service, wanted)}
    if go_type in SCALARS:
        return {"type": SCALARS[go_type]}
    # An enum: a struct with a private value and GetXEnum() listing the values, in the same file.
    enum = re.search(rf"func Get{go_type}Enum\(\) {go_type}Enum {{(.*?)\n}}", text, re.S)
    if enum:
        values = re.findall(r'value:\s*("(?:[^"\\]|\\.)*"|-?[0-9.]+)', enum.group(1))
        return {"type": "string" if values and values[0].startswith('"') else "integer",
                "enum": [json.loads(v) for v in values]}
    wanted.append(go_type)
    return {"type": "object", "model": f"{service}.{go_type}"}


def read_model(package, service, type_name, wanted):
    path, text = package.source_of(type_name)
    body = re.search(rf"^type {type_name} struct {{\n(.*?)^}}", text, re.S | re.M).group(1)
    fields, comment = {}, ""
    for line in body.splitlines():
        line = line.strip()
        if line.startswith("//"):
            comment += line[2:].strip() + " "
            continue
        m = re.match(r"(\w+)\s+(\S+)\s+`json:\"([^\"]+)\"`", line)
        if not m:
            comment = ""
            continue
        name, go_type, tag = m.groups()
        json_name, *flags = tag.split(",")
        if json_name == "-":
            comment = ""
            continue
        t = field_type(go_type, text, service, wanted)
        if not go_type.startswith("*") and "omitempty" not in flags and not go_type.startswith(("[]", "map[")):
            t["required"] = True
        values = documented_values(comment)
        if values and "enum" not in t:
            t["documentedValues"] = values
        fields[json_name] = t
        comment = ""
    return {"file": path, "fields": fields}


def main():
    repo = sys.argv[1]
    commit = git(repo, "rev-parse", sys.argv[2] if len(sys.argv) > 2 else "HEAD").strip()
    date = git(repo, "show", "-s", "--format=%cI", commit).strip()
    models, operations, packages = {}, [], {}

    def collect(service, folder, root):
        package = packages.setdefault(folder, Package(repo, commit, folder))
        wanted = [root]
        while wanted:
            name = wanted.pop()
            key = f"{service}.{name}"
            if key not in models:
                models[key] = read_model(package, service, name, wanted)

    for operation, service, folder, root in OPERATIONS:
        collect(service, folder, root)
        operations.append({"operation": operation, "model": f"{service}.{root}"})
    requests = {}
    for service, folder, root in REQUEST_MODELS:
        package = packages.setdefault(folder, Package(repo, commit, folder))
        requests[f"{service}.{root}"] = read_model(package, service, root, [])
    contract = {
        "about": "The response models the module reads, as the official Go SDK defines them. Generated by "
                 "tools/sdk-contract/extract.py from the commit below; do not edit by hand: regenerate. What the "
                 "module and the emulator do with each field is in module-map.json beside this file.",
        "source": {"repository": "huaweicloud/huaweicloud-sdk-go-v3", "commit": commit, "commitDate": date},
        "operations": operations,
        "models": dict(sorted(models.items())),
        "requests": requests,
    }
    json.dump(contract, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
