"""Validates exported repositories with external tools.

Usage: python scripts/validate-export.py [--checkov SLUG,...] DIR...

Each DIR is one exported repository. For each:
  1. every YAML document parses, and yamllint --strict (the repository's own
     .yamllint.yaml) reports nothing;
  2. `kubectl kustomize` builds every kustomization;
  3. core kinds, raw and as built, pass kubernetes-validate --strict at the
     design's Kubernetes version;
  4. custom resources pass the upstream schemas of the pinned
     @kubernetes-models packages (tools/validate/crds.mjs);
  5. every .tf parses with python-hcl2 (run in its own virtualenv) and is
     laid out as `terraform fmt` would (tools/validate/hclfmt.py: no
     Terraform binary can be installed here);
  6. for the repositories named in --checkov: checkov (no network) reports
     0 failed checks over the built manifests (Argo Rollouts scanned as the
     Deployments they wrap) and the Terraform, and the repository's own CI
     workflow (.github/workflows/validate.yaml) passes, step by step.

  7. the day-one checks across files (tools/validate/dayone.py): admission
     rehearsal, ordering, references and tenancy, each 0 problems; and once, the
     checks' negative fixtures, each of which must make its check fail.

Kinds no schema covers and checkov skips are listed with their reasons in
tools/validate/skips.yaml; anything else unvalidated is an error.

Run by `make validate-export`, which installs the tools first.
"""

import argparse
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools" / "validate"))
import dayone  # noqa: E402
import hclfmt  # noqa: E402
import hcl2
import kubernetes_validate
import yaml

ROOT = Path(__file__).resolve().parent.parent
TOOLS = Path(os.environ.get("SLIPWAY_TOOLS", Path.home() / ".cache" / "slipway-tools"))
SKIPS = yaml.safe_load((ROOT / "tools" / "validate" / "skips.yaml").read_text())
NOT_MANIFESTS = {"kustomization.yaml", "values.yaml", ".yamllint.yaml"}


class Report:
    def __init__(self, name):
        self.name = name
        self.problems = []
        self.counts = {}

    def fail(self, text):
        self.problems.append(text)

    def count(self, what, n=1):
        self.counts[what] = self.counts.get(what, 0) + n


def is_core(api_version):
    group = api_version.split("/")[0] if "/" in api_version else ""
    if group in ("", "apps", "batch", "policy", "autoscaling"):
        return True
    return group.endswith(".k8s.io") and group not in (
        "gateway.networking.k8s.io",
        "kustomize.config.k8s.io",
        "kubeadm.k8s.io",
        "apiserver.config.k8s.io",
        "audit.k8s.io",
    )


def documents(text):
    return [d for d in yaml.safe_load_all(text) if d is not None]


def k8s_version(repo):
    design = yaml.safe_load((repo / "platform-design.yaml").read_text())
    version = str(design["spec"]["cluster"]["kubernetesVersion"])
    return version if version.count(".") == 2 else version + ".0"


def check_objects(report, objects, version, custom):
    """Core kinds now; custom resources collected for the Node validator."""
    for where, doc in objects:
        if not isinstance(doc, dict) or "apiVersion" not in doc or "kind" not in doc:
            continue
        api, kind = doc["apiVersion"], doc["kind"]
        key = f"{api} {kind}"
        group = api.split("/")[0]
        if key in SKIPS["unvalidated_kinds"] or group in SKIPS.get("unvalidated_groups", {}):
            report.count("skipped (reason in skips.yaml)")
            continue
        if is_core(api):
            try:
                kubernetes_validate.validate(doc, version, strict=True)
                report.count("core kinds valid")
            except Exception as error:  # the library raises several error types
                report.fail(f"{where}: {key}: {str(error).splitlines()[0][:300]}")
        else:
            custom.append({"file": where, "doc": doc})


def validate(repo, checkov):
    report = Report(repo.name)
    version = k8s_version(repo)
    yaml_files = sorted(p for p in repo.rglob("*.yaml"))
    raw = []
    for path in yaml_files:
        rel = path.relative_to(repo)
        try:
            docs = documents(path.read_text())
        except yaml.YAMLError as error:
            report.fail(f"{rel}: does not parse: {error}")
            continue
        report.count("YAML files parsed")
        if path.name in NOT_MANIFESTS or rel.parts[0] == ".github":
            continue
        raw.extend((str(rel), d) for d in docs)

    lint = subprocess.run(
        [str(TOOLS / "validate" / "bin" / "yamllint"), "--strict", "-f", "parsable", "."],
        cwd=repo, capture_output=True, text=True,
    )
    if lint.returncode != 0:
        for line in (lint.stdout + lint.stderr).splitlines()[:40]:
            report.fail(f"yamllint: {line}")

    built = []
    for kustomization in sorted(repo.rglob("kustomization.yaml")):
        directory = kustomization.parent
        rel = directory.relative_to(repo)
        run = subprocess.run([str(TOOLS / "validate" / "bin" / "kubectl"), "kustomize", str(directory)], capture_output=True, text=True)
        if run.returncode != 0:
            report.fail(f"kubectl kustomize {rel}: {run.stderr.strip()[:400]}")
            continue
        report.count("kustomizations built")
        built.append((str(rel), documents(run.stdout)))

    custom = []
    check_objects(report, raw, version, custom)
    for rel, docs in built:
        check_objects(report, [(f"{rel} (built)", d) for d in docs], version, custom)
    if custom:
        node = subprocess.run(
            ["node", str(ROOT / "tools" / "validate" / "crds.mjs")],
            input=json.dumps(custom), capture_output=True, text=True,
            cwd=ROOT / "tools" / "validate",
        )
        for line in node.stdout.splitlines():
            if line.startswith("ok "):
                report.count("custom resources valid", int(line.split()[1]))
            else:
                report.fail(line)
        if node.returncode != 0 and not node.stdout:
            report.fail(f"crds.mjs: {node.stderr.strip()[:400]}")

    for tf in sorted(repo.rglob("*.tf")):
        try:
            with tf.open() as handle:
                hcl2.load(handle)
            report.count("Terraform files parsed")
        except Exception as error:  # python-hcl2 raises lark errors of many types
            report.fail(f"{tf.relative_to(repo)}: HCL does not parse: {str(error)[:300]}")
        layout = hclfmt.problems(tf.read_text())
        for number, what in layout[:5]:
            report.fail(f"{tf.relative_to(repo)}:{number}: not as terraform fmt lays it out: {what}")
        if not layout:
            report.count("Terraform files laid out as terraform fmt would")

    found, counted = dayone.run(repo)
    for check, problems in found.items():
        # Reported as counts, so "0 ordering violations" is said out loud.
        label = {"admission": "admission problems", "ordering": "ordering violations",
                 "references": "dangling references"}.get(check, f"{check} problems")
        report.count(f"day-one {label}", len(problems))
        for problem in problems:
            report.fail(f"day-one {check}: {problem}")
    for what, n in counted.items():
        report.count(f"pods {what}", n)

    if checkov:
        run_checkov(report, repo, built)
        run_workflow(report, repo)
    return report


def run_workflow(report, repo):
    """The generated repository's own CI steps pass on the generated repository."""
    workflow = yaml.safe_load((repo / ".github" / "workflows" / "validate.yaml").read_text())
    path = f"{TOOLS / 'validate' / 'bin'}:{TOOLS / 'checkov' / 'bin'}:{os.environ['PATH']}"
    env = {**os.environ, "PATH": path, "RUNNER_TEMP": tempfile.mkdtemp()}
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if "run" not in step or step.get("name") == "Install validators":
                continue  # checkout and installs: the tools are already here
            if any(line.strip().startswith("terraform ") for line in step["run"].splitlines()):
                # No Terraform binary can be installed here: its layout rules
                # are checked by hclfmt above, its validation is not run.
                report.count("workflow steps needing Terraform (layout checked by hclfmt)")
                continue
            run = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env, capture_output=True, text=True)
            if run.returncode != 0:
                report.fail(f"workflow step '{step['name']}' fails: {(run.stdout + run.stderr).strip()[-400:]}")
            else:
                report.count("workflow steps passed")


def as_scannable(doc):
    """checkov skips Argo Rollouts; scan the pod template as a Deployment."""
    if doc.get("kind") == "Rollout":
        doc = copy.deepcopy(doc)
        doc["apiVersion"], doc["kind"] = "apps/v1", "Deployment"
        doc["spec"].pop("strategy", None)
    return doc


def run_checkov(report, repo, built):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "k8s").mkdir()
        # Bases are deployed only through overlays, which set their namespace.
        deployed = [(rel, docs) for rel, docs in built if "base" not in Path(rel).parts]
        for i, (rel, docs) in enumerate(deployed):
            scannable = [as_scannable(d) for d in docs if isinstance(d, dict)]
            (tmp / "k8s" / f"{i:03}.yaml").write_text(yaml.safe_dump_all(scannable))
        if (repo / "terraform").is_dir():
            shutil.copytree(repo / "terraform", tmp / "terraform")
        skip = ",".join(SKIPS["checkov_skips"].keys())
        args = [
            str(TOOLS / "checkov" / "bin" / "checkov"), "--skip-download", "--quiet", "--compact",
            "-o", "json", "--framework", "kubernetes", "terraform", "--skip-check", skip,
            "-d", str(tmp),
        ]
        run = subprocess.run(args, capture_output=True, text=True, env={**os.environ, "BC_SKIP_MAPPING": "TRUE"})
        try:
            results = json.loads(run.stdout)
        except json.JSONDecodeError:
            report.fail(f"checkov gave no JSON: {run.stderr.strip()[:400]}")
            return
        if isinstance(results, dict):
            results = [results]
        for result in results:
            summary = result.get("summary", {})
            report.count(f"checkov {result.get('check_type')} passed", summary.get("passed", 0))
            for failed in result.get("results", {}).get("failed_checks", []):
                report.fail(
                    f"checkov {failed['check_id']} {failed['check_name']}: "
                    f"{failed.get('resource')} ({Path(failed.get('file_path', '')).name})"
                )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkov", default="", help="comma-separated repository names to scan with checkov")
    parser.add_argument("dirs", nargs="+", type=Path)
    args = parser.parse_args()
    scan = set(filter(None, args.checkov.split(",")))
    failed = False
    missed = dayone.self_test(args.dirs[0].parent)
    print(f"{'FAIL' if missed else 'ok'} day-one negative fixtures: {len(dayone.FIXTURES) - len(missed)} of {len(dayone.FIXTURES)} make their check fail")
    for line in missed:
        print(f"    {line}")
    failed |= bool(missed)
    sample = args.dirs[0].parent / "enterprise-aks" / "terraform" / "aks" / "main.tf"
    missed = hclfmt.self_test(sample)
    print(f"{'FAIL' if missed else 'ok'} terraform layout negative fixtures: {len(hclfmt.FIXTURES) - len(missed)} of {len(hclfmt.FIXTURES)} make the check fail")
    for line in missed:
        print(f"    {line}")
    failed |= bool(missed)
    for repo in args.dirs:
        report = validate(repo, repo.name in scan)
        counts = ", ".join(f"{v} {k}" for k, v in sorted(report.counts.items()))
        status = "FAIL" if report.problems else "ok"
        print(f"{status} {report.name}: {counts}")
        for problem in report.problems:
            print(f"    {problem}")
        failed |= bool(report.problems)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
