#!/usr/bin/env python3
"""Compiles CONTRIBUTING.md's "Adding an API" checklist: every code block preceded by a line
<!-- check: new PATH -->, <!-- check: end-of-class PATH --> or <!-- check: before "TEXT" PATH --> is applied to a
scratch clone of this repository's HEAD; the solution is built there (the module's help generation included) and
the tests the checklist adds are run. Usage: python3 tools/check-contributing.py [--keep]. Exit 0 when both pass."""
import os, re, shutil, subprocess, sys, tempfile

root = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True).stdout.strip()
text = open(os.path.join(root, "CONTRIBUTING.md"), encoding="utf-8").read()
marker = re.compile(r'^(?P<indent> *)<!-- check: (?P<how>new|end-of-class|before "(?P<anchor>.*?)") (?P<path>\S+) -->\n'
                    r'(?P=indent)(?P<fence>`{3,})\w*\n(?P<body>.*?)\n(?P=indent)(?P=fence)\n', re.M | re.S)
blocks = list(marker.finditer(text))
if not blocks:
    sys.exit("no <!-- check: --> blocks in CONTRIBUTING.md")

scratch = tempfile.mkdtemp(prefix="mt-contributing-")
try:
    subprocess.run(["git", "clone", "-q", root, scratch], check=True)
    for m in blocks:
        indent = len(m.group("indent"))
        body = "\n".join(line[indent:] for line in m.group("body").split("\n")) + "\n"
        path = os.path.join(scratch, m.group("path"))
        how = m.group("how")
        if how == "new":
            if os.path.exists(path): sys.exit(f"{m.group('path')} exists already")
            open(path, "w", encoding="utf-8").write(body)
        else:
            current = open(path, encoding="utf-8").read()
            if how == "end-of-class":
                at = current.rstrip().rindex("}")
                current = current[:at].rstrip("\n") + "\n\n" + "".join("    " + l if l else l for l in body.splitlines(True)) + current[at:]
            else:
                anchor = m.group("anchor").encode().decode("unicode_escape")
                at = current.find(anchor)
                if at < 0: sys.exit(f"{m.group('path')}: no line '{anchor}' to insert before")
                current = current[:at] + body + current[at:]
            open(path, "w", encoding="utf-8").write(current)
        print(f"applied {how.split(' ')[0]:12} {m.group('path')}")
    build = subprocess.run(["dotnet", "build", "MigrationTools.sln", "-nologo", "-v", "q"], cwd=scratch)
    print(f"{len(blocks)} blocks, {len({m.group('path') for m in blocks})} files: build {'succeeded' if build.returncode == 0 else 'FAILED'}")
    if build.returncode != 0: sys.exit(build.returncode)
    # The checklist's own tests (the new xunit classes), against the new API in the emulator.
    added = [os.path.splitext(os.path.basename(m.group("path")))[0] for m in blocks
             if m.group("how") == "new" and m.group("path").startswith("tests/") and m.group("path").endswith(".cs")]
    for test in added:
        project = next(m.group("path").split("/")[1] for m in blocks if m.group("path").endswith(f"/{test}.cs"))
        run = subprocess.run(["dotnet", "test", f"tests/{project}", "--no-build", "--filter", f"FullyQualifiedName~{test}"], cwd=scratch)
        print(f"{test}: {'passed' if run.returncode == 0 else 'FAILED'}")
        if run.returncode != 0: sys.exit(run.returncode)
finally:
    if "--keep" in sys.argv: print("scratch clone kept:", scratch)
    else: shutil.rmtree(scratch, ignore_errors=True)
