"""Day-one checks: the exported repository as a fresh cluster takes it.

Static validators read one file at a time; a repository that passes them all
can still fail on its first day, between files. Four checks look across them:

  admission   every built workload, as its mesh injects it, and a pod per
              platform component (its namespace, registry and privileges) is
              admitted by Pod Security (namespace labels), the Kyverno CEL
              policies (cel-python) and the Gatekeeper Rego (regorus, through
              export/examples/rego.rs); pods the design forbids are refused.
  ordering    every custom resource is applied after the chart that provides
              its definition (Argo CD sync waves with Application health,
              Flux dependsOn with wait), every chart after the charts it needs,
              every namespace before what lives in it.
  references  every name one object expects another to provide resolves in
              the repository, in a chart it installs, or in docs/inputs.yaml.
  tenancy     tenants get namespaced rights only, in their own namespaces,
              through their own groups, read-only in production unless the
              design lets them sync it, never Secrets or RBAC; each team's
              Argo CD project reaches exactly its namespaces, and what every
              application builds lands inside its project's destinations.

Each returns a list of problems (empty: the check holds). `self_test` runs
each check on a copy of a repository broken on purpose and fails when the
check does not notice.
"""

import copy
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import celpy
import yaml

TOOLS = Path(os.environ.get("SLIPWAY_TOOLS", Path.home() / ".cache" / "slipway-tools"))
REGO = os.environ.get("SLIPWAY_REGO", "")

WORKLOADS = {"Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Rollout"}
# Groups a fresh cluster serves before anything from the repository lands.
BUILT_IN_GROUPS = {
    "", "apps", "batch", "policy", "autoscaling", "networking.k8s.io", "rbac.authorization.k8s.io",
    "storage.k8s.io", "scheduling.k8s.io", "coordination.k8s.io", "admissionregistration.k8s.io",
    "apiextensions.k8s.io", "discovery.k8s.io", "node.k8s.io", "certificates.k8s.io",
}
# The GitOps controller's own kinds: installed before the repository (see bootstrap/README.md).
FLUX_GROUPS = {"source.toolkit.fluxcd.io", "kustomize.toolkit.fluxcd.io", "helm.toolkit.fluxcd.io",
               "notification.toolkit.fluxcd.io", "image.toolkit.fluxcd.io"}
# Namespaces every cluster has, or its GitOps controller brings.
GIVEN_NAMESPACES = {"default", "kube-system", "kube-public", "kube-node-lease"}
# GatewayClasses a chart creates once installed with the values the export sets.
GATEWAY_CLASSES = {"cilium": "cilium", "istiod": "istio"}

BASELINE_CAPS = {"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
                 "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"}
RESTRICTED_VOLUMES = {"configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
                      "persistentVolumeClaim", "projected", "secret"}
SAFE_SYSCTLS = {"kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
                "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
                "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
                "net.ipv4.tcp_keepalive_probes"}


def documents(text):
    return [d for d in yaml.safe_load_all(text) if isinstance(d, dict)]


def group_of(doc):
    api = doc.get("apiVersion", "")
    return api.split("/")[0] if "/" in api else ""


def kustomize(directory):
    run = subprocess.run([str(TOOLS / "validate" / "bin" / "kubectl"), "kustomize", str(directory)],
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"kubectl kustomize {directory}: {run.stderr.strip()[:300]}")
    return documents(run.stdout)


class Repo:
    """An exported repository: its files, documents and kustomize builds."""

    def __init__(self, root):
        self.root = Path(root)
        self.design = yaml.safe_load((self.root / "platform-design.yaml").read_text())
        listed = yaml.safe_load((self.root / "docs" / "components.yaml").read_text())
        self.components = listed["components"]
        self.cluster_groups = set(listed.get("clusterCrdGroups") or [])
        inputs = self.root / "docs" / "inputs.yaml"
        self.inputs = (yaml.safe_load(inputs.read_text()) or {}).get("inputs", []) if inputs.exists() else []
        self.argo = (self.root / "bootstrap").is_dir()
        self.files = {}
        for path in sorted(self.root.rglob("*.yaml")):
            rel = str(path.relative_to(self.root))
            if rel.startswith(".github") or path.name in ("values.yaml", ".yamllint.yaml"):
                continue
            self.files[rel] = documents(path.read_text())
        self._built = {}

    def build(self, rel_dir):
        rel_dir = rel_dir.strip("./").rstrip("/")
        if rel_dir not in self._built:
            self._built[rel_dir] = kustomize(self.root / rel_dir)
        return self._built[rel_dir]

    def values(self, key):
        """A chart's values as installed: values.yaml with sizing.yaml merged over it, as Helm does."""
        for base in ("platform", "infrastructure/controllers"):
            path = self.root / base / key / "values.yaml"
            if path.exists():
                values = yaml.safe_load(path.read_text()) or {}
                sizing = path.with_name("sizing.yaml")
                if sizing.exists():
                    values = merged(values, yaml.safe_load(sizing.read_text()) or {})
                return values
        return None

    def component(self, key):
        return next((c for c in self.components if c["key"] == key), None)

    def provider_of(self, group):
        if group in self.cluster_groups:
            return "cluster"
        return next((c["key"] for c in self.components if group in c["crdGroups"]), None)

    def all_docs(self):
        for rel, docs in self.files.items():
            for doc in docs:
                yield rel, doc

    def deployed_dirs(self):
        """Kustomization directories a GitOps controller applies, not bases or chart folders."""
        out = []
        for rel in self.files:
            if not rel.endswith("kustomization.yaml"):
                continue
            directory = str(Path(rel).parent)
            parts = Path(directory).parts
            if "base" in parts or parts[0] in ("bootstrap", "clusters", "terraform"):
                continue
            if parts[:2] in (("infrastructure", "controllers"),) or (parts[0] == "platform" and parts[1:2] != ("configs",)):
                continue
            if not any(d.get("kind") == "Kustomization" for d in self.files[rel]):
                continue
            out.append(directory)
        return sorted(out)

    def is_input(self, kind, name, namespace=None):
        for item in self.inputs:
            for p in item.get("provides", []):
                if p.get("kind") == kind and p.get("name") == name and p.get("namespace") in (None, namespace):
                    return True
        return False


# ---------------------------------------------------------------- admission

def namespaces(repo):
    """Every namespace the repository creates: name -> (labels, annotations)."""
    out = {}
    for _, doc in repo.all_docs():
        if doc.get("kind") == "Namespace":
            meta = doc["metadata"]
            out[meta["name"]] = (meta.get("labels") or {}, meta.get("annotations") or {})
        if doc.get("kind") == "Application":
            spec = doc.get("spec", {})
            options = spec.get("syncPolicy", {}).get("syncOptions", [])
            ns = spec.get("destination", {}).get("namespace")
            if ns and "CreateNamespace=true" in options and ns not in out:
                meta = spec["syncPolicy"].get("managedNamespaceMetadata", {})
                out[ns] = (meta.get("labels") or {}, meta.get("annotations") or {})
    return out


def pss_level(labels):
    # No label: the API server's default, which is privileged unless configured otherwise.
    return labels.get("pod-security.kubernetes.io/enforce", "privileged")


def all_containers(spec):
    return list(spec.get("containers", [])) + list(spec.get("initContainers", [])) + list(spec.get("ephemeralContainers", []))


def pss_violations(spec, level):
    """Pod Security Standard controls `spec` breaks at `level` (see shared pss.md)."""
    if level == "privileged":
        return []
    bad = []
    psc = spec.get("securityContext") or {}
    for host in ("hostNetwork", "hostPID", "hostIPC"):
        if spec.get(host):
            bad.append(f"{host}")
    if any((v.get("hostPath") is not None) for v in spec.get("volumes", [])):
        bad.append("hostPath volume")
    for s in psc.get("sysctls", []) or []:
        if s.get("name") not in SAFE_SYSCTLS:
            bad.append(f"sysctl {s.get('name')}")
    if (psc.get("seccompProfile") or {}).get("type") == "Unconfined":
        bad.append("seccomp Unconfined")
    for c in all_containers(spec):
        sc = c.get("securityContext") or {}
        name = c.get("name")
        if sc.get("privileged"):
            bad.append(f"{name}: privileged")
        added = set((sc.get("capabilities") or {}).get("add", []) or [])
        if added - BASELINE_CAPS:
            bad.append(f"{name}: adds {sorted(added - BASELINE_CAPS)}")
        if any(p.get("hostPort") for p in c.get("ports", []) or []):
            bad.append(f"{name}: hostPort")
        if sc.get("procMount") not in (None, "Default"):
            bad.append(f"{name}: procMount")
        if (sc.get("seccompProfile") or {}).get("type") == "Unconfined":
            bad.append(f"{name}: seccomp Unconfined")
    if level != "restricted":
        return bad
    for v in spec.get("volumes", []) or []:
        kinds = set(v) - {"name"}
        if not kinds <= RESTRICTED_VOLUMES:
            bad.append(f"volume {v.get('name')}: {sorted(kinds - RESTRICTED_VOLUMES)}")
    pod_nonroot = psc.get("runAsNonRoot") is True
    pod_seccomp = (psc.get("seccompProfile") or {}).get("type") in ("RuntimeDefault", "Localhost")
    if psc.get("runAsUser") == 0:
        bad.append("pod runAsUser 0")
    for c in all_containers(spec):
        sc = c.get("securityContext") or {}
        name = c.get("name")
        if sc.get("allowPrivilegeEscalation") is not False:
            bad.append(f"{name}: allowPrivilegeEscalation not false")
        if not (sc.get("runAsNonRoot") is True or (pod_nonroot and sc.get("runAsNonRoot") is None)):
            bad.append(f"{name}: runAsNonRoot not true")
        if sc.get("runAsUser") == 0:
            bad.append(f"{name}: runAsUser 0")
        ctype = (sc.get("seccompProfile") or {}).get("type")
        if not (ctype in ("RuntimeDefault", "Localhost") or (ctype is None and pod_seccomp)):
            bad.append(f"{name}: no RuntimeDefault seccomp profile")
        caps = sc.get("capabilities") or {}
        if "ALL" not in (caps.get("drop") or []):
            bad.append(f"{name}: does not drop ALL capabilities")
        if set(caps.get("add") or []) - {"NET_BIND_SERVICE"}:
            bad.append(f"{name}: adds capabilities")
    return bad


def merged(base, over):
    """`over` merged into `base` as Helm merges value files: maps deeply, anything else replaced."""
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for k, v in over.items():
            out[k] = merged(out[k], v) if k in out else v
        return out
    return over


def dig(values, *path):
    for key in path:
        values = values.get(key) if isinstance(values, dict) else None
    return values


def linkerd_resources(spec):
    """Linkerd's `cpu: {request, limit}, memory: {...}` as a pod spec's resources."""
    out = {}
    for resource in ("cpu", "memory"):
        for field, kind in (("request", "requests"), ("limit", "limits")):
            value = dig(spec, resource, field)
            if value not in (None, ""):
                out.setdefault(kind, {})[resource] = value
    return out


def mesh_injection(repo):
    """What the installed mesh adds to a pod in an injected namespace, from the exported values."""
    istiod, linkerd = repo.component("istiod"), repo.component("linkerd-control-plane")
    restricted = {"allowPrivilegeEscalation": False, "capabilities": {"drop": ["ALL"]},
                  "readOnlyRootFilesystem": True, "runAsNonRoot": True}
    if istiod and repo.component("istio-base") and repo.design["spec"]["security"]["mesh"] == "istio":
        values = repo.values("istiod") or {}
        cni = ((values.get("pilot") or {}).get("cni") or {}).get("enabled") is True and repo.component("istio-cni")
        image = f"docker.io/istio/proxyv2:{istiod['version']}"
        # Istio's defaults for the proxy, with what the exported values set over them.
        proxy_resources = merged({"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"cpu": "2000m", "memory": "1024Mi"}},
                                 dig(values, "global", "proxy", "resources") or {})
        proxy = {"name": "istio-proxy", "image": image, "securityContext": {**restricted, "runAsUser": 1337, "runAsGroup": 1337},
                 "resources": proxy_resources,
                 "readinessProbe": {"httpGet": {"path": "/healthz/ready", "port": 15021}}}
        if cni:
            init = {"name": "istio-validation", "image": image, "securityContext": {**restricted, "runAsUser": 1337},
                    "resources": {"requests": {"cpu": "10m", "memory": "10Mi"}, "limits": {"cpu": "2000m", "memory": "1024Mi"}}}
        else:
            init = {"name": "istio-init", "image": image, "securityContext": {
                "allowPrivilegeEscalation": False, "runAsNonRoot": False, "runAsUser": 0,
                "capabilities": {"add": ["NET_ADMIN", "NET_RAW"], "drop": ["ALL"]}}}

        def inject(pod, ns_labels, ns_annotations):
            if ns_labels.get("istio-injection") != "enabled":
                return pod
            pod = copy.deepcopy(pod)
            pod["spec"].setdefault("initContainers", []).append(copy.deepcopy(init))
            pod["spec"]["containers"].append(copy.deepcopy(proxy))
            return pod
        return inject
    if linkerd and repo.design["spec"]["security"]["mesh"] == "linkerd":
        values = repo.values("linkerd-control-plane") or {}
        cni = values.get("cniEnabled") is True and repo.component("linkerd2-cni")
        version = linkerd["version"]
        proxy = {"name": "linkerd-proxy", "image": f"cr.l5d.io/linkerd/proxy:{version}", "restartPolicy": "Always",
                 "securityContext": {**restricted, "runAsUser": 2102, "seccompProfile": {"type": "RuntimeDefault"}},
                 # Linkerd's proxy has no resources unless the values set them.
                 "resources": linkerd_resources(dig(values, "proxy", "resources") or {})}
        if cni:
            init = {"name": "linkerd-network-validator", "image": f"cr.l5d.io/linkerd/proxy:{version}",
                    "securityContext": {**restricted, "runAsUser": 65534, "seccompProfile": {"type": "RuntimeDefault"}},
                    "resources": {"requests": {"cpu": "100m", "memory": "20Mi"}, "limits": {"cpu": "100m", "memory": "20Mi"}}}
        else:
            init = {"name": "linkerd-init", "image": f"cr.l5d.io/linkerd/proxy-init:{version}", "securityContext": {
                "allowPrivilegeEscalation": False, "runAsNonRoot": True, "runAsUser": 65534,
                "capabilities": {"add": ["NET_ADMIN", "NET_RAW"], "drop": ["ALL"]}}}

        def inject(pod, ns_labels, ns_annotations):
            wants = (pod["metadata"].get("annotations") or {}).get("linkerd.io/inject") or ns_annotations.get("linkerd.io/inject")
            if wants != "enabled":
                return pod
            pod = copy.deepcopy(pod)
            pod["spec"].setdefault("initContainers", []).extend([copy.deepcopy(init), copy.deepcopy(proxy)])
            return pod
        return inject
    return lambda pod, labels, annotations: pod


def pod_of(doc):
    """The pod a workload creates, with the owner reference a controller sets."""
    spec = doc.get("spec", {})
    template = spec.get("jobTemplate", {}).get("spec", {}).get("template") if doc["kind"] == "CronJob" else spec.get("template")
    if not template:
        return None
    pod = {"apiVersion": "v1", "kind": "Pod",
           "metadata": copy.deepcopy(template.get("metadata") or {}), "spec": copy.deepcopy(template.get("spec") or {})}
    pod["metadata"]["namespace"] = doc["metadata"].get("namespace", "default")
    pod["metadata"]["name"] = doc["metadata"]["name"]
    owner = "Job" if doc["kind"] in ("CronJob", "Job") else "ReplicaSet"
    pod["metadata"]["ownerReferences"] = [{"kind": owner, "name": doc["metadata"]["name"]}]
    return pod


def to_cel(value):
    return celpy.json_to_cel(value)


def quota_tracked(repo):
    """The compute resources each namespace's ResourceQuota tracks."""
    tracked = {}
    for _, doc in repo.all_docs():
        if doc.get("kind") == "ResourceQuota":
            hard = (doc.get("spec") or {}).get("hard") or {}
            keys = {k for k in hard if k in ("cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory")}
            tracked.setdefault(doc["metadata"].get("namespace"), set()).update(keys)
    return tracked


class Admission:
    """The cluster's admission chain as the repository configures it."""

    def __init__(self, repo):
        self.repo = repo
        self.namespaces = namespaces(repo)
        self.quotas = quota_tracked(repo)
        self.kyverno = [d for _, d in repo.all_docs() if d.get("kind") == "ValidatingPolicy"]
        self.images = [d for _, d in repo.all_docs() if d.get("kind") == "ImageValidatingPolicy"]
        self.exceptions = [d for _, d in repo.all_docs() if d.get("kind") == "PolicyException"]
        self.templates = {}
        for _, d in repo.all_docs():
            if d.get("kind") == "ConstraintTemplate":
                kind = d["spec"]["crd"]["spec"]["names"]["kind"]
                for target in d["spec"].get("targets", []):
                    self.templates[kind] = (kind.lower(), target["rego"])
        self.constraints = [d for _, d in repo.all_docs() if d.get("kind") in self.templates]
        self.env = celpy.Environment()

    def ns(self, name):
        return self.namespaces.get(name, ({}, {}))

    def selected(self, selector, labels):
        if not selector:
            return True
        if any(labels.get(k) != v for k, v in (selector.get("matchLabels") or {}).items()):
            return False
        for expr in selector.get("matchExpressions") or []:
            key, op, values = expr["key"], expr["operator"], expr.get("values", [])
            if op == "In" and labels.get(key) not in values:
                return False
            if op == "NotIn" and labels.get(key) in values:
                return False
            if op == "Exists" and key not in labels:
                return False
            if op == "DoesNotExist" and key in labels:
                return False
        return True

    def cel(self, expression, activation):
        program = self.env.program(self.env.compile(expression))
        return program.evaluate(activation)

    def refusals(self, pod):
        """Why the cluster refuses `pod` (empty: admitted). Mutation (mesh injection) comes first."""
        name = pod["metadata"]["namespace"]
        labels, annotations = self.ns(name)
        reasons = [f"Pod Security {pss_level(labels)}: {v}" for v in pss_violations(pod["spec"], pss_level(labels))]
        # A ResourceQuota on compute makes every container (init containers too) declare what it tracks;
        # injected sidecars come after the LimitRange defaults, so they must carry their own.
        for tracked in sorted(self.quotas.get(name, ())):
            kind, _, what = tracked.rpartition(".")
            kind = kind or "requests"
            for c in pod["spec"].get("initContainers", []) + pod["spec"]["containers"]:
                if what not in (c.get("resources") or {}).get(kind, {}):
                    reasons.append(f"ResourceQuota in {name} tracks {tracked}, and container {c['name']} declares no {kind}.{what}")
        ns_labels = {**labels, "kubernetes.io/metadata.name": name}
        for policy in self.kyverno:
            reasons += self.kyverno_refusal(policy, pod, ns_labels)
        for policy in self.images:
            spec = policy["spec"]
            if "Deny" not in spec.get("validationActions", []):
                continue
            if not self.selected(spec.get("matchConstraints", {}).get("namespaceSelector"), ns_labels):
                continue
            keys = json.dumps(spec.get("attestors", []))
            if "REPLACE" in keys or "BEGIN PUBLIC KEY-----\\n-----END" in keys:
                reasons.append(f"{policy['metadata']['name']}: denies with a placeholder key, so no signature can match")
        reasons += self.gatekeeper_refusals(pod, ns_labels)
        return reasons

    def exempt(self, policy):
        name = policy["metadata"]["name"]
        return any(any(r.get("name") == name for r in x["spec"].get("policyRefs", [])) for x in self.exceptions)

    def kyverno_refusal(self, policy, pod, ns_labels):
        spec = policy["spec"]
        name = policy["metadata"]["name"]
        if "Deny" not in spec.get("validationActions", []) or self.exempt(policy):
            return []
        match = spec.get("matchConstraints", {})
        if not self.selected(match.get("namespaceSelector"), ns_labels):
            return []
        namespace = {"metadata": {"name": ns_labels["kubernetes.io/metadata.name"], "labels": ns_labels}}
        activation = {"object": to_cel(pod), "namespaceObject": to_cel(namespace)}
        try:
            for condition in spec.get("matchConditions", []):
                if not self.cel(condition["expression"], activation):
                    return []
            variables = {}
            for variable in spec.get("variables", []):
                variables[variable["name"]] = self.cel(variable["expression"], {**activation, "variables": to_cel(variables)})
            activation["variables"] = to_cel(variables) if not variables else celpy.celtypes.MapType(
                {celpy.celtypes.StringType(k): v for k, v in variables.items()})
            out = []
            for validation in spec.get("validations", []):
                result = self.cel(validation["expression"], activation)
                if isinstance(result, celpy.CELEvalError):
                    out.append(f"{name}: CEL error {result}")
                elif not bool(result):
                    out.append(f"{name}: {validation.get('message', 'refused')}")
            return out
        except Exception as error:  # celpy raises several types; the API server fails closed
            return [f"{name}: CEL does not evaluate: {str(error)[:200]}"]

    def gatekeeper_refusals(self, pod, ns_labels):
        reviews, names = [], []
        for constraint in self.constraints:
            spec = constraint.get("spec", {})
            if spec.get("enforcementAction", "deny") != "deny":
                continue
            match = spec.get("match", {})
            if ns_labels["kubernetes.io/metadata.name"] in (match.get("excludedNamespaces") or []):
                continue
            if not self.selected(match.get("namespaceSelector"), ns_labels):
                continue
            package, _ = self.templates[constraint["kind"]]
            reviews.append({"package": package, "input": {
                "review": {"object": pod, "kind": {"group": "", "version": "v1", "kind": "Pod"},
                           "namespace": pod["metadata"]["namespace"], "operation": "CREATE"},
                "parameters": spec.get("parameters") or {}}})
            names.append(constraint["metadata"]["name"])
        if not reviews:
            return []
        if not REGO:
            return ["gatekeeper: SLIPWAY_REGO is not set; cannot evaluate Rego"]
        request = {"templates": {p: r for p, r in self.templates.values()}, "reviews": reviews}
        run = subprocess.run([REGO], input=json.dumps(request), capture_output=True, text=True)
        if run.returncode != 0:
            return [f"gatekeeper: rego evaluator failed: {run.stderr.strip()[:200]}"]
        out = []
        for name, result in zip(names, json.loads(run.stdout)):
            if isinstance(result, dict):
                out.append(f"{name}: Rego does not evaluate: {result['error'][:200]}")
            else:
                out += [f"{name}: {m}" for m in result]
        return out


def platform_pods(repo):
    """A pod per platform component: its namespace, registry and the privileges its chart needs."""
    pods = []
    for c in repo.components:
        if not c["imageRegistries"]:
            continue  # CRDs only
        privileged = c["podSecurity"] == "privileged"
        container = {"name": c["key"], "image": f"{c['imageRegistries'][0]}/{c['key']}/{c['key']}:{c['version']}",
                     "securityContext": {"privileged": True} if privileged else {
                         "allowPrivilegeEscalation": False, "runAsNonRoot": True, "capabilities": {"drop": ["ALL"]}}}
        spec = {"containers": [container], "securityContext": {"seccompProfile": {"type": "RuntimeDefault"}}}
        if privileged:
            spec.update(hostNetwork=True, volumes=[{"name": "host", "hostPath": {"path": "/"}}])
        pods.append({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": c["key"], "namespace": c["namespace"]}, "spec": spec})
    return pods


def app_pods(repo):
    pods, seen = [], set()
    for directory in repo.deployed_dirs():
        for doc in repo.build(directory):
            if doc.get("kind") in WORKLOADS:
                key = (doc["metadata"].get("namespace"), doc["kind"], doc["metadata"]["name"])
                pod = pod_of(doc)
                if pod and key not in seen:
                    seen.add(key)
                    pods.append((f"{directory}: {doc['kind']} {doc['metadata']['name']}", pod))
    return pods


def bad_pods(repo, good):
    """Pods the design forbids, each one change away from an admitted app pod."""
    spec = repo.design["spec"]["security"]
    policies = spec.get("policies", {})
    engine = spec.get("policyEngine", "none") != "none"
    out = []

    def variant(what, change):
        pod = copy.deepcopy(good)
        change(pod)
        out.append((what, pod))
    if spec.get("podSecurity") in ("baseline", "restricted"):
        variant("a privileged container", lambda p: p["spec"]["containers"][0].setdefault("securityContext", {}).update(privileged=True))
        variant("the host network", lambda p: p["spec"].update(hostNetwork=True))
    if engine and policies.get("disallowLatestTag"):
        variant("an image tagged latest", lambda p: p["spec"]["containers"][0].update(image=p["spec"]["containers"][0]["image"].rsplit(":", 1)[0] + ":latest"))
    if engine and policies.get("allowedRegistries"):
        variant("an image from an unlisted registry", lambda p: p["spec"]["containers"][0].update(image="evil.example.net/miner:1.0"))
        variant("an init container from an unlisted registry", lambda p: p["spec"].setdefault("initContainers", []).append(
            {**copy.deepcopy(p["spec"]["containers"][0]), "name": "fetch", "image": "evil.example.net/fetch:1.0"}))
    if engine and policies.get("requiredLabels"):
        variant("no labels", lambda p: p["metadata"].update(labels={}))
    if spec.get("policyEngine") == "kyverno" and policies.get("requiredLabels"):
        variant("another team's label", lambda p: p["metadata"]["labels"].update({"slipway.dev/team": "another-team"}))
    return out


def admission(repo):
    gate = Admission(repo)
    inject = mesh_injection(repo)
    problems, counts = [], {"admitted": 0, "refused as they should be": 0}
    apps = app_pods(repo)
    for where, pod in apps:
        labels, annotations = gate.ns(pod["metadata"]["namespace"])
        pod = inject(pod, labels, annotations)
        reasons = gate.refusals(pod)
        if reasons:
            problems.append(f"admission refuses {where} in {pod['metadata']['namespace']}: {'; '.join(reasons[:3])}")
        else:
            counts["admitted"] += 1
    for pod in platform_pods(repo):
        reasons = gate.refusals(pod)
        if reasons:
            problems.append(f"admission refuses platform component {pod['metadata']['name']} in {pod['metadata']['namespace']}: {'; '.join(reasons[:3])}")
        else:
            counts["admitted"] += 1
    if apps:
        where, good = apps[0]
        labels, annotations = gate.ns(good["metadata"]["namespace"])
        for what, pod in bad_pods(repo, good):
            if gate.refusals(inject(pod, labels, annotations)):
                counts["refused as they should be"] += 1
            else:
                problems.append(f"admission admits a pod with {what} in {good['metadata']['namespace']}, which the design forbids")
    return problems, counts


# ---------------------------------------------------------------- ordering

def wave(doc):
    return int((doc.get("metadata", {}).get("annotations") or {}).get("argocd.argoproj.io/sync-wave", "0"))


def application_paths(doc):
    """The repository paths an Application or ApplicationSet applies."""
    if doc["kind"] == "Application":
        sources = doc["spec"].get("sources") or [doc["spec"].get("source", {})]
        return [s["path"] for s in sources if s.get("path")]
    template = doc["spec"]["template"]["spec"]["source"]["path"]
    paths = []
    for generator in doc["spec"].get("generators", []):
        for element in generator.get("list", {}).get("elements", []):
            path = template
            for key, value in element.items():
                path = path.replace("{{." + key + "}}", str(value))
            paths.append(path)
    return paths


def argo_cd_waits_for_health(repo):
    values = repo.values("argo-cd") or {}
    cm = (values.get("configs") or {}).get("cm") or {}
    return "resource.customizations.health.argoproj.io_Application" in cm


def ordering(repo):
    problems = []
    order = argo_order if repo.argo else flux_order
    for cluster_dir in sorted((repo.root / ("bootstrap" if repo.argo else "clusters")).iterdir()):
        if cluster_dir.is_dir():
            problems += [f"{cluster_dir.name}: {p}" for p in order(repo, cluster_dir)]
    return problems


def new_groups(docs):
    for doc in docs:
        group = group_of(doc)
        if group not in BUILT_IN_GROUPS and group not in FLUX_GROUPS and group != "kustomize.config.k8s.io":
            yield group, doc


def argo_order(repo, cluster_dir):
    problems = []
    if not argo_cd_waits_for_health(repo):
        problems.append("Argo CD has no health check for Applications, so sync waves between them do not wait")
    rel = cluster_dir.relative_to(repo.root)
    components = {}
    for path in sorted((cluster_dir / "platform").glob("*.yaml")):
        for doc in documents(path.read_text()):
            components[doc["metadata"]["name"]] = wave(doc)
    components["argo-cd"] = -1000  # installed first, by hand (bootstrap/README.md)
    for key, w in components.items():
        chart = repo.component(key)
        for after in (chart or {}).get("installAfter", []):
            if after in components and components[after] >= w:
                problems.append(f"chart {key} (wave {w}) needs {after} (wave {components[after]}) first")
    tops = [d for d in repo.build(str(rel)) if d.get("kind") in ("Application", "ApplicationSet")]
    platform_wave = next((wave(d) for d in tops if f"{rel}/platform" in application_paths(d)), None)
    created = {}  # namespace -> earliest wave that creates it
    for key, w in components.items():
        chart = repo.component(key)
        if chart:
            created[chart["namespace"]] = min(created.get(chart["namespace"], 10**6), platform_wave if platform_wave is not None else w)
    built = {}
    for top in tops:
        docs = []
        for path in application_paths(top):
            if path == f"{rel}/platform" or path == str(rel):
                continue
            if not (repo.root / path).is_dir():
                problems.append(f"{top['kind']} {top['metadata']['name']} applies {path}, which does not exist")
                continue
            docs += repo.build(path)
        built[top["metadata"]["name"]] = (top, docs)
        for doc in docs:
            if doc.get("kind") == "Namespace":
                created[doc["metadata"]["name"]] = min(created.get(doc["metadata"]["name"], 10**6), wave(top))
    for name, (top, docs) in built.items():
        w = wave(top)
        seen = set()
        for group, doc in new_groups(docs):
            if group == "argoproj.io" and doc.get("kind") in ("Application", "ApplicationSet", "AppProject"):
                continue  # Argo CD's own kinds
            provider = repo.provider_of(group)
            if provider == "cluster":
                continue
            if provider is None:
                problems.append(f"{name}: no installed chart provides {group} ({doc['kind']} {doc['metadata']['name']})")
            elif provider not in components:
                problems.append(f"{name}: {doc['kind']} needs {provider}, which this cluster does not install")
            elif platform_wave is None or w <= platform_wave:
                if (group, name) not in seen:
                    problems.append(f"{name} (wave {w}) applies {group} before the platform charts (wave {platform_wave})")
                    seen.add((group, name))
        templates = [wave(d) for d in docs if group_of(d) == "templates.gatekeeper.sh"]
        for doc in docs:
            if group_of(doc) == "constraints.gatekeeper.sh" and templates and wave(doc) <= max(templates):
                problems.append(f"{name}: constraint {doc['metadata']['name']} is not in a later wave than its ConstraintTemplate")
        for doc in docs:
            ns = doc.get("metadata", {}).get("namespace")
            if doc.get("kind") != "Namespace" and ns and ns not in GIVEN_NAMESPACES | {"argocd"}:
                if created.get(ns, 10**6) > w:
                    problems.append(f"{name} (wave {w}) applies into namespace {ns} before it is created")
                    break
    return problems


def flux_order(repo, cluster_dir):
    problems = []
    kustomizations = {}
    for path in sorted(cluster_dir.glob("*.yaml")):
        for doc in documents(path.read_text()):
            if doc.get("kind") == "Kustomization" and group_of(doc) == "kustomize.toolkit.fluxcd.io":
                kustomizations[doc["metadata"]["name"]] = doc

    def needs(name, seen=None):
        seen = seen or set()
        for dep in kustomizations.get(name, {}).get("spec", {}).get("dependsOn", []):
            if dep["name"] not in seen:
                seen.add(dep["name"])
                needs(dep["name"], seen)
        return seen

    built = {n: repo.build(k["spec"]["path"]) for n, k in kustomizations.items()
             if own_source(repo, k) and (repo.root / k["spec"]["path"]).is_dir()}
    for n, k in kustomizations.items():
        if n not in built and own_source(repo, k):
            problems.append(f"Kustomization {n} applies {k['spec']['path']}, which does not exist")
    releases = {}  # chart key -> (Kustomization that installs it, HelmRelease or None)
    for n, docs in built.items():
        for doc in docs:
            if doc.get("kind") == "HelmRelease":
                releases[doc["metadata"]["name"]] = (n, doc)
    for n in kustomizations:
        chart = repo.component(n)
        if chart and chart["repository"].endswith(".git"):
            releases[n] = (n, None)  # plain manifests, applied by a Kustomization of the same name
    for key, (n, release) in releases.items():
        if release is None:
            continue
        waits = {d["name"] for d in release["spec"].get("dependsOn", [])}
        for after in (repo.component(key) or {}).get("installAfter", []):
            if after not in releases:
                continue
            home, other = releases[after]
            if other is None:
                if home not in needs(n) or not kustomizations[home]["spec"].get("wait"):
                    problems.append(f"HelmRelease {key} is applied without waiting for Kustomization {home}")
            elif after not in waits:
                problems.append(f"HelmRelease {key} does not wait for {after} (dependsOn)")
    created = {}
    for n, docs in built.items():
        for doc in docs:
            if doc.get("kind") == "Namespace":
                created.setdefault(doc["metadata"]["name"], set()).add(n)
    for n, docs in built.items():
        deps = needs(n)
        reported = set()
        for group, doc in new_groups(docs):
            provider = repo.provider_of(group)
            if provider == "cluster":
                continue
            if provider is None:
                problems.append(f"{n}: no installed chart provides {group} ({doc['kind']} {doc['metadata']['name']})")
                continue
            home = releases.get(provider, (None,))[0]
            if home is None:
                problems.append(f"{n}: {doc['kind']} needs {provider}, which this cluster does not install")
            elif home == n:
                if group not in reported:
                    problems.append(f"{n}: applies {group} in the same Kustomization as the chart that defines it ({provider})")
                    reported.add(group)
            elif home not in deps or not kustomizations[home]["spec"].get("wait"):
                if group not in reported:
                    problems.append(f"{n}: applies {group} without waiting for Kustomization {home} (dependsOn, wait: true)")
                    reported.add(group)
        if any(group_of(d) == "constraints.gatekeeper.sh" for d in docs):
            if any(group_of(d) == "templates.gatekeeper.sh" for d in docs):
                problems.append(f"{n}: Gatekeeper constraints are applied together with their templates (no matches for kind)")
        for doc in docs:
            ns = doc.get("metadata", {}).get("namespace")
            if doc.get("kind") != "Namespace" and ns and ns not in GIVEN_NAMESPACES | {"flux-system"}:
                if not (created.get(ns, set()) & (deps | {n})):
                    problems.append(f"{n}: applies into namespace {ns}, which neither it nor what it waits for creates")
                    break
    return problems


# ---------------------------------------------------------------- references

SECRET_SELECTORS = {"routingkey", "servicekey", "apiurl", "apikey", "apisecret", "token", "password"}


def secret_refs(node, path=""):
    """(path, name) of every Secret a document names through a *SecretRef /
    secretKeyRef field, or a {name, key} selector under a credential field."""
    if isinstance(node, dict):
        for key, value in node.items():
            lowered = key.lower()
            selector = isinstance(value, dict) and set(value) >= {"name", "key"} and lowered in SECRET_SELECTORS
            if selector or isinstance(value, dict) and (lowered.endswith("secretref") or lowered == "secretkeyref") and "name" in value:
                yield f"{path}.{key}", value["name"]
            else:
                yield from secret_refs(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from secret_refs(value, f"{path}[{i}]")


def references(repo):
    problems = []
    world = []
    for directory in repo.deployed_dirs():
        world += [(directory, d) for d in repo.build(directory)]
    by_kind = {}
    for where, doc in world:
        by_kind.setdefault(doc.get("kind"), []).append((where, doc))

    # What controllers create from what the repository holds: Flagger makes
    # the Services of each canary.
    generated = {}
    for _, d in by_kind.get("Canary", []):
        ns, name = d["metadata"].get("namespace", "default"), d["metadata"]["name"]
        for suffix in ("", "-primary", "-canary"):
            generated.setdefault("Service", set()).add((ns, name + suffix))

    def names(kind, namespace=None):
        found = {d["metadata"]["name"] for _, d in by_kind.get(kind, [])
                 if namespace is None or d["metadata"].get("namespace", "default") == namespace}
        return found | {n for ns, n in generated.get(kind, set()) if namespace is None or ns == namespace}

    known_namespaces = set(namespaces(repo)) | GIVEN_NAMESPACES | {"argocd", "flux-system"}
    known_namespaces |= {c["namespace"] for c in repo.components}

    # Secrets: in the repository, made by ExternalSecrets or SealedSecrets, by cert-manager, or inputs.
    made = {}
    for _, d in by_kind.get("ExternalSecret", []):
        target = (d["spec"].get("target") or {}).get("name") or d["metadata"]["name"]
        made.setdefault(d["metadata"].get("namespace"), set()).add(target)
    for kind in ("Secret", "SealedSecret"):
        for _, d in by_kind.get(kind, []):
            made.setdefault(d["metadata"].get("namespace"), set()).add(d["metadata"]["name"])
    for _, d in by_kind.get("Certificate", []):
        made.setdefault(d["metadata"].get("namespace"), set()).add(d["spec"]["secretName"])

    def secret_exists(name, namespace, where, what):
        if name in made.get(namespace, set()) or repo.is_input("Secret", name, namespace):
            return
        problems.append(f"{where}: {what} names Secret {namespace}/{name}, which nothing creates and docs/inputs.yaml does not list")

    for where, doc in world:
        meta = doc.get("metadata", {})
        ns = meta.get("namespace", "default")
        kind = doc.get("kind")
        if ns not in known_namespaces and kind not in ("Namespace", "ClusterRole", "ClusterRoleBinding"):
            if meta.get("namespace"):
                problems.append(f"{where}: {kind} {meta.get('name')} is in namespace {ns}, which nothing creates")
        if kind in WORKLOADS:
            pod = pod_of(doc)
            spec = pod["spec"]
            account = spec.get("serviceAccountName")
            if account and account != "default" and account not in names("ServiceAccount", ns):
                problems.append(f"{where}: {kind} {meta['name']} runs as ServiceAccount {account}, which does not exist in {ns}")
            for volume in spec.get("volumes", []) or []:
                if volume.get("secret") and not volume["secret"].get("optional"):
                    secret_exists(volume["secret"]["secretName"], ns, where, f"{kind} {meta['name']}")
                if volume.get("configMap") and not volume["configMap"].get("optional"):
                    if volume["configMap"]["name"] not in names("ConfigMap", ns) and not repo.is_input("ConfigMap", volume["configMap"]["name"], ns):
                        problems.append(f"{where}: {kind} {meta['name']} mounts ConfigMap {volume['configMap']['name']}, which does not exist")
            for c in all_containers(spec):
                for env in c.get("env", []) or []:
                    ref = (env.get("valueFrom") or {}).get("secretKeyRef")
                    if ref and not ref.get("optional"):
                        secret_exists(ref["name"], ns, where, f"{kind} {meta['name']}")
                for source in c.get("envFrom", []) or []:
                    if source.get("secretRef") and not source["secretRef"].get("optional"):
                        secret_exists(source["secretRef"]["name"], ns, where, f"{kind} {meta['name']}")
        elif kind not in ("ExternalSecret",):
            for path, name in secret_refs(doc.get("spec", {})):
                if path.endswith("privateKeySecretRef") and kind in ("ClusterIssuer", "Issuer"):
                    continue  # cert-manager creates the ACME account key
                secret_exists(name, ns, where, f"{kind} {meta.get('name')} ({path[1:]})")
        if kind == "ExternalSecret":
            store = doc["spec"]["secretStoreRef"]
            store_kind = store.get("kind", "SecretStore")
            if store["name"] not in names(store_kind, None if store_kind == "ClusterSecretStore" else ns):
                problems.append(f"{where}: ExternalSecret {meta['name']} reads from {store_kind} {store['name']}, which does not exist")
        if kind == "Service" and doc["spec"].get("selector"):
            selector = doc["spec"]["selector"]
            pods = [pod_of(d) for _, d in world if d.get("kind") in WORKLOADS and d["metadata"].get("namespace", "default") == ns]
            if not any(p and all((p["metadata"].get("labels") or {}).get(k) == v for k, v in selector.items()) for p in pods):
                problems.append(f"{where}: Service {meta['name']} selects no pod in {ns}")
        target = (doc.get("spec") or {}).get("scaleTargetRef") or (doc.get("spec") or {}).get("targetRef")
        if isinstance(target, dict) and target.get("kind") in WORKLOADS and kind != "Canary":
            if target["name"] not in names(target["kind"], ns):
                problems.append(f"{where}: {kind} {meta['name']} targets {target['kind']} {target['name']}, which does not exist in {ns}")
        issuer = (meta.get("annotations") or {}).get("cert-manager.io/cluster-issuer")
        if issuer and issuer not in names("ClusterIssuer"):
            problems.append(f"{where}: {kind} {meta['name']} asks ClusterIssuer {issuer}, which does not exist")
        if kind == "Certificate":
            ref = doc["spec"]["issuerRef"]
            if ref["name"] not in names(ref.get("kind", "Issuer"), None if ref.get("kind") == "ClusterIssuer" else ns):
                problems.append(f"{where}: Certificate {meta['name']} asks {ref.get('kind', 'Issuer')} {ref['name']}, which does not exist")
        if kind == "Gateway":
            problems += gateway_refs(repo, where, doc, names, issuer)
        if kind == "HTTPRoute":
            for parent in doc["spec"].get("parentRefs", []):
                if parent["name"] not in names("Gateway", parent.get("namespace", ns)):
                    problems.append(f"{where}: HTTPRoute {meta['name']} attaches to Gateway {parent['name']}, which does not exist")
            for rule in doc["spec"].get("rules", []):
                for backend in rule.get("backendRefs", []):
                    if backend["name"] not in names("Service", backend.get("namespace", ns)):
                        problems.append(f"{where}: HTTPRoute {meta['name']} sends to Service {backend['name']}, which does not exist in {ns}")
        if kind == "NetworkPolicy":
            for rule in (doc["spec"].get("ingress") or []) + (doc["spec"].get("egress") or []):
                for peer in (rule.get("from") or []) + (rule.get("to") or []):
                    named = ((peer.get("namespaceSelector") or {}).get("matchLabels") or {}).get("kubernetes.io/metadata.name")
                    if named and named not in known_namespaces:
                        problems.append(f"{where}: NetworkPolicy {meta['name']} allows namespace {named}, which does not exist")
    problems += scrape_refs(repo, world)
    problems += gitops_refs(repo)
    problems += values_refs(repo, made)
    problems += placeholder_refs(repo)
    problems += kubelet_refs(repo)
    problems += mirror_refs(repo)
    problems += identity_refs(repo)
    return sorted(set(problems))


def identity_refs(repo):
    """On EKS every controller that calls the AWS API runs as a ServiceAccount
    that Terraform gives a role (a Pod Identity association) in each cluster."""
    import re
    main = repo.root / "terraform" / "eks" / "main.tf"
    if not main.exists():
        return []
    text = main.read_text()
    clusters = dict(re.findall(r'module "eks_(\w+)" \{\n(?:.*\n)*?\s*name\s*=\s*"([^"]+)"', text))
    granted = {(clusters.get(tf_id), ns, sa) for tf_id, ns, sa in re.findall(
        r'cluster_name\s*=\s*module\.eks_(\w+)\.cluster_name\s*\n(?:.*\n)*?\s*namespace\s*=\s*"([^"]+)"\s*\n\s*service_account\s*=\s*"([^"]+)"',
        text)}

    def account(key, path, default):
        node = repo.values(key) or {}
        for part in path:
            node = node.get(part) if isinstance(node, dict) else None
        return node if isinstance(node, str) else default
    needs = []
    if repo.component("aws-load-balancer-controller"):
        needs.append(("aws-load-balancer-controller", account("aws-load-balancer-controller", ["serviceAccount", "name"], "aws-load-balancer-controller")))
    if repo.component("karpenter"):
        needs.append(("karpenter", account("karpenter", ["serviceAccount", "name"], "karpenter")))
    if repo.component("cluster-autoscaler"):
        needs.append(("cluster-autoscaler", account("cluster-autoscaler", ["rbac", "serviceAccount", "name"], "cluster-autoscaler-aws-cluster-autoscaler")))
    if repo.component("external-secrets") and repo.design["spec"]["gitops"]["secrets"] == "external-secrets":
        needs.append(("external-secrets", account("external-secrets", ["serviceAccount", "name"], "external-secrets")))
    problems = []
    for cluster in sorted(clusters.values()):
        for key, sa in needs:
            ns = repo.component(key)["namespace"]
            if (cluster, ns, sa) not in granted:
                problems.append(f"terraform/eks/main.tf: {key} runs as {ns}/{sa} in {cluster}, which no Pod Identity association grants a role")
    return problems


def mirror_refs(repo):
    """With a mirror (an air-gapped design) nothing names a public source:
    every chart, manifest source and Argo CD repository is on the mirror, and
    on self-managed nodes containerd proxies every registry the charts use."""
    mirror = repo.design["spec"]["cluster"].get("mirror")
    if not mirror:
        return []
    own = repo.design["spec"]["gitops"]["repoUrl"]
    problems = []

    def on_mirror(url, rel, what):
        bare = url.removeprefix("oci://")
        if url != own and not (bare == mirror or bare.startswith(mirror + "/")):
            problems.append(f"{rel}: {what} pulls from {url}, not from the mirror {mirror}")
    for rel, doc in repo.all_docs():
        kind, spec = doc.get("kind"), doc.get("spec") or {}
        if kind in ("HelmRepository", "OCIRepository", "GitRepository") and "url" in spec:
            on_mirror(spec["url"], rel, f"{kind} {doc['metadata']['name']}")
        if kind == "Application" and group_of(doc) == "argoproj.io":
            for source in spec.get("sources") or [spec.get("source", {})]:
                if source.get("repoURL"):
                    on_mirror(source["repoURL"], rel, f"Application {doc['metadata']['name']}")
        if kind == "Secret" and (doc["metadata"].get("labels") or {}).get("argocd.argoproj.io/secret-type") == "repository":
            url = (doc.get("stringData") or {}).get("url")
            if url:
                on_mirror(url, rel, f"repository {doc['metadata']['name']}")
    script = repo.root / "terraform" / "kubeadm" / "containerd-mirror.sh"
    if (repo.root / "terraform" / "kubeadm").is_dir():
        text = script.read_text() if script.exists() else ""
        for registry in sorted({r for c in repo.components for r in c["imageRegistries"]}):
            if f" {registry} " not in text.split("for registry in", 1)[-1].split(";", 1)[0] + " ":
                problems.append(f"terraform/kubeadm/containerd-mirror.sh: nodes pull {registry} images from the internet, not through {mirror}")
    return problems


def kubelet_refs(repo):
    """metrics-server verifies kubelets' serving certificates: on a
    self-managed cluster they must be signed by the cluster CA."""
    if not repo.component("metrics-server") or not (repo.root / "terraform" / "kubeadm").is_dir():
        return []
    problems = []
    for config in sorted((repo.root / "terraform" / "kubeadm").glob("*/kubeadm-config.yaml")):
        kubelet = [d for d in documents(config.read_text()) if d.get("kind") == "KubeletConfiguration"]
        if not any(d.get("serverTLSBootstrap") is True for d in kubelet):
            problems.append(f"{config.relative_to(repo.root)}: kubelets serve self-signed certificates, "
                            "which metrics-server refuses (serverTLSBootstrap)")
    return problems


# What the templates write where only the team can know the value.
PLACEHOLDERS = ("set-storage-account", "object-store.example.internal", "platform-team@example.com",
                "REPLACE-WITH-", "vault.example.com", "registry.example.com")


def placeholder_refs(repo):
    """Every placeholder sits in a file its input in docs/inputs.yaml names,
    so the team is told where to fill it in."""
    listed = [f for item in repo.inputs for f in item.get("files", [])]
    problems = []
    for path in sorted(repo.root.rglob("*")):
        rel = str(path.relative_to(repo.root))
        if not path.is_file() or path.suffix not in (".yaml", ".tf") or rel.startswith(("docs/", ".github/")):
            continue
        text = path.read_text()
        for token in PLACEHOLDERS:
            if token in text and not any(rel == f or (f.endswith("/") and rel.startswith(f)) for f in listed):
                problems.append(f"{rel} carries the placeholder {token}, which no input in docs/inputs.yaml lists for it")
    return problems


def scrape_refs(repo, world):
    """Every scrape target resolves: a ServiceMonitor's port is a port of a
    Service it selects. With Istio's strict mTLS the scraper (outside the
    mesh) must read the sidecar's merged metrics port, 15020, not the app's."""
    strict = any(d.get("kind") == "PeerAuthentication" and d["metadata"].get("namespace") == "istio-system"
                 and (d.get("spec", {}).get("mtls") or {}).get("mode") == "STRICT" for _, d in repo.all_docs())
    spaces = namespaces(repo)
    problems = []
    for where, doc in world:
        kind, meta = doc.get("kind"), doc.get("metadata", {})
        if kind not in ("ServiceMonitor", "PodMonitor"):
            continue
        ns = meta.get("namespace", "default")
        meshed = spaces.get(ns, ({}, {}))[0].get("istio-injection") == "enabled"
        selector = (doc["spec"].get("selector") or {}).get("matchLabels") or {}
        if kind == "ServiceMonitor":
            services = [d for _, d in world if d.get("kind") == "Service" and d["metadata"].get("namespace", "default") == ns
                        and all((d["metadata"].get("labels") or {}).get(k) == v for k, v in selector.items())]
            for endpoint in doc["spec"].get("endpoints", []):
                ports = [p for svc in services for p in svc["spec"].get("ports", []) if p.get("name") == endpoint.get("port")]
                if not ports:
                    problems.append(f"{where}: ServiceMonitor {meta['name']} scrapes port {endpoint.get('port')}, which no Service it selects in {ns} has")
                elif strict and meshed and any(p.get("targetPort") != 15020 for p in ports):
                    problems.append(f"{where}: ServiceMonitor {meta['name']} scrapes the app port through strict mTLS, which refuses a scraper outside the mesh")
        else:
            pods = [pod_of(d) for _, d in world if d.get("kind") in WORKLOADS and d["metadata"].get("namespace", "default") == ns]
            pods = [p for p in pods if p and all((p["metadata"].get("labels") or {}).get(k) == v for k, v in selector.items())]
            if not pods:
                problems.append(f"{where}: PodMonitor {meta['name']} selects no pod in {ns}")
            for endpoint in doc["spec"].get("podMetricsEndpoints", []):
                named = endpoint.get("port")
                if named and not any(port.get("name") == named for p in pods for c in p["spec"].get("containers", [])
                                     for port in c.get("ports", []) or []):
                    problems.append(f"{where}: PodMonitor {meta['name']} scrapes port {named}, which no container it selects has")
                if strict and meshed and endpoint.get("targetPort") != 15020:
                    problems.append(f"{where}: PodMonitor {meta['name']} scrapes the app port through strict mTLS, which refuses a scraper outside the mesh")
    return problems


def values_refs(repo, made):
    """Secrets the charts' values name, in each chart's namespace."""
    problems = []
    for chart in repo.components:
        values = repo.values(chart["key"])
        if not values:
            continue
        ns = chart["namespace"]
        found = [(p, n) for p, n in secret_refs(values)]
        found += [(p, n) for p, n in existing_secrets(values)]
        for path, name in found:
            if name not in made.get(ns, set()) and not repo.is_input("Secret", name, ns):
                problems.append(f"{chart['key']} values ({path[1:]}) name Secret {ns}/{name}, which nothing creates and docs/inputs.yaml does not list")
    return problems


def existing_secrets(node, path=""):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "existingSecret" and isinstance(value, str):
                yield f"{path}.{key}", value
            elif key == "existingSecret" and isinstance(value, dict) and "name" in value:
                yield f"{path}.{key}", value["name"]
            else:
                yield from existing_secrets(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from existing_secrets(value, f"{path}[{i}]")


def gateway_refs(repo, where, doc, names, issuer):
    problems = []
    cls = doc["spec"]["gatewayClassName"]
    classes = names("GatewayClass") | {GATEWAY_CLASSES[c["key"]] for c in repo.components if c["key"] in GATEWAY_CLASSES}
    if repo.design["spec"]["cluster"]["provider"] == "gke":
        classes |= {"gke-l7-global-external-managed", "gke-l7-regional-external-managed", "gke-l7-rilb", "gke-l7-gxlb"}
    if cls == "cilium" and repo.component("cilium"):
        values = repo.values("cilium") or {}
        if not (values.get("gatewayAPI") or {}).get("enabled"):
            classes.discard("cilium")
    if cls not in classes:
        problems.append(f"{where}: Gateway {doc['metadata']['name']} uses GatewayClass {cls}, which nothing installs")
    for listener in doc["spec"].get("listeners", []):
        for ref in (listener.get("tls") or {}).get("certificateRefs", []):
            if not (issuer and listener.get("hostname")) and not repo.is_input("Secret", ref["name"], doc["metadata"].get("namespace")):
                problems.append(f"{where}: Gateway listener {listener['name']} serves Secret {ref['name']}, which nothing issues "
                                "(cert-manager needs the cluster-issuer annotation and a listener hostname)")
    return problems


def git_sources(repo):
    """GitRepository name -> URL, for those the repository defines."""
    return {doc["metadata"]["name"]: doc["spec"].get("url")
            for docs in repo.files.values() for doc in docs
            if doc.get("kind") == "GitRepository"}


def own_source(repo, kustomization):
    """Whether a Flux Kustomization reads this repository (the bootstrap's
    `flux-system` source, or another GitRepository at the design's URL)."""
    source = kustomization["spec"]["sourceRef"]
    if source.get("kind", "GitRepository") != "GitRepository":
        return False
    name = source["name"]
    return name == "flux-system" or git_sources(repo).get(name) == repo.design["spec"]["gitops"]["repoUrl"]


def gitops_refs(repo):
    problems = []
    for rel, docs in repo.files.items():
        for doc in docs:
            kind = doc.get("kind")
            if kind == "Application" and group_of(doc) == "argoproj.io":
                for source in doc["spec"].get("sources") or [doc["spec"].get("source", {})]:
                    ours = source.get("repoURL") == repo.design["spec"]["gitops"]["repoUrl"]
                    if ours and source.get("path") and not (repo.root / source["path"]).is_dir():
                        problems.append(f"{rel}: Application {doc['metadata']['name']} applies {source['path']}, which does not exist")
                    for values in (source.get("helm") or {}).get("valueFiles", []):
                        if values.startswith("$values/") and not (repo.root / values[len("$values/"):]).exists():
                            problems.append(f"{rel}: Application {doc['metadata']['name']} reads {values}, which does not exist")
            if kind == "Kustomization" and group_of(doc) == "kustomize.toolkit.fluxcd.io":
                source = doc["spec"]["sourceRef"]
                source_kind = source.get("kind", "GitRepository")
                defined = git_sources(repo) if source_kind == "GitRepository" else {
                    d["metadata"]["name"] for ds in repo.files.values() for d in ds if d.get("kind") == source_kind}
                if source["name"] != "flux-system" and source["name"] not in defined:
                    problems.append(f"{rel}: Kustomization {doc['metadata']['name']} reads {source_kind} {source['name']}, which nothing defines")
                if own_source(repo, doc) and not (repo.root / doc["spec"]["path"]).is_dir():
                    problems.append(f"{rel}: Kustomization {doc['metadata']['name']} applies {doc['spec']['path']}, which does not exist")
    # Controllers act on the cluster they are installed in: the name Terraform gives it.
    terraform = "".join(p.read_text() for p in (repo.root / "terraform").rglob("*.tf")) if (repo.root / "terraform").is_dir() else ""
    for cluster_dir in sorted(p for p in (repo.root / ("bootstrap" if repo.argo else "clusters")).iterdir() if p.is_dir()):
        cluster = cluster_dir.name
        if terraform and f'"{cluster}"' not in terraform:
            problems.append(f"{cluster_dir.relative_to(repo.root)}: no Terraform cluster is named {cluster}")
        text = "\n".join(p.read_text() for p in cluster_dir.rglob("*.yaml"))
        for doc in [d for p in cluster_dir.rglob("*.yaml") for d in documents(p.read_text())]:
            for name in cluster_names(doc):
                if name != cluster:
                    problems.append(f"{cluster_dir.relative_to(repo.root)}: a controller is told it runs in cluster {name}")
        del text
    return problems


def cluster_names(node):
    """Values that tell a controller the name of its cluster."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "clusterName" and isinstance(value, str):
                yield value
            else:
                yield from cluster_names(value)
    elif isinstance(node, list):
        for value in node:
            yield from cluster_names(value)
    elif isinstance(node, str) and "clusterName" in node and "\n" in node:
        # Flux patches carry values as an embedded YAML document.
        try:
            for doc in documents(node):
                yield from cluster_names(doc)
        except yaml.YAMLError:
            pass


# ---------------------------------------------------------------- tenancy

WRITE_VERBS = {"create", "update", "patch", "delete", "deletecollection", "*"}
# The only built-in ClusterRole a tenant may be bound to inside a namespace: it writes nothing.
READ_ONLY_CLUSTER_ROLES = {"view"}


def rendered_applications(doc):
    """(name, project, destination namespace, paths) of an Application, or of
    each Application an ApplicationSet's list generator renders."""
    if doc["kind"] == "Application":
        spec = doc["spec"]
        return [(doc["metadata"]["name"], spec.get("project", "default"),
                 spec.get("destination", {}).get("namespace", ""), application_paths(doc))]
    template = doc["spec"]["template"]
    out = []
    for generator in doc["spec"].get("generators", []):
        for element in generator.get("list", {}).get("elements", []):
            def fill(text):
                for key, value in element.items():
                    text = text.replace("{{." + key + "}}", str(value))
                return text
            out.append((fill(template["metadata"]["name"]), fill(template["spec"].get("project", "default")),
                        fill(template["spec"].get("destination", {}).get("namespace", "")),
                        [fill(template["spec"]["source"]["path"])]))
    return out


def tenancy(repo):
    """Tenants get namespaced rights only, to their own namespaces, through
    their own groups; production is read-only unless the design lets the team
    sync it; each team's GitOps project reaches only its namespaces, and every
    application lands where its project permits."""
    problems = []
    spec = repo.design["spec"]
    team_rbac = spec["security"].get("rbac", "team-namespaces") == "team-namespaces"
    declared = {t["name"]: t for t in spec["workload"].get("tenants") or []}
    production = {e["name"] for e in spec["cluster"]["environments"] if e.get("production")}

    def groups_of(team):
        if not team_rbac:
            return "developers", "on-call"
        if team in declared:
            return declared[team]["developersGroup"].strip(), declared[team]["onCallGroup"].strip()
        return f"{team}-developers", f"{team}-on-call"

    def writes_production(team, env):
        synced = (declared.get(team) or {}).get("syncEnvironments")
        return team in declared and synced is not None and env in synced

    owners = {}
    for cluster_dir in sorted(p for p in (repo.root / "policies" / "clusters").iterdir() if p.is_dir()):
        cluster = cluster_dir.name
        docs = [d for rel, ds in repo.files.items() if rel.startswith(f"policies/clusters/{cluster}/") for d in ds]
        spaces = {d["metadata"]["name"]: d["metadata"].get("labels") or {} for d in docs
                  if d.get("kind") == "Namespace" and (d["metadata"].get("labels") or {}).get("slipway.dev/workloads") == "applications"}
        roles = {(d["metadata"].get("namespace"), d["metadata"]["name"]): d for d in docs if d.get("kind") == "Role"}
        bindings = [d for d in docs if d.get("kind") in ("RoleBinding", "ClusterRoleBinding")]
        tenant_groups = {}
        for ns, labels in spaces.items():
            team = labels.get("slipway.dev/team")
            if not team:
                problems.append(f"{cluster}: namespace {ns} names no owning team")
                continue
            owners.setdefault(cluster, {})[ns] = team
            cost = labels.get("slipway.dev/cost-centre")
            if team in declared and cost != declared[team]["costCentre"]:
                problems.append(f"{cluster}: namespace {ns} is charged to {cost}, team {team} to {declared[team]['costCentre']}")
            developers, on_call = groups_of(team)
            tenant_groups[developers] = tenant_groups[on_call] = team
            bound = {s["name"] for b in bindings if b["metadata"].get("namespace") == ns
                     for s in b.get("subjects") or [] if s.get("kind") == "Group"}
            if developers not in bound:
                problems.append(f"{cluster}: namespace {ns} of team {team} has no RoleBinding to {developers}")
        for b in bindings:
            ns, ref = b["metadata"].get("namespace"), b["roleRef"]
            for subject in b.get("subjects") or []:
                team = tenant_groups.get(subject.get("name")) if subject.get("kind") == "Group" else None
                if team is None:
                    continue
                who = f"{cluster}: {b['kind']} {ns or ''}/{b['metadata']['name']} gives {subject['name']}"
                if b["kind"] == "ClusterRoleBinding":
                    problems.append(f"{who} cluster-wide rights")
                    continue
                if team_rbac and owners.get(cluster, {}).get(ns) not in (team, None):
                    problems.append(f"{who} rights in {ns}, which team {owners[cluster][ns]} owns")
                if ref["kind"] == "ClusterRole":
                    if ref["name"] not in READ_ONLY_CLUSTER_ROLES and team_rbac:
                        problems.append(f"{who} the ClusterRole {ref['name']}, which writes")
                    continue
                role = roles.get((ns, ref["name"]))
                if role is None:
                    problems.append(f"{who} the Role {ref['name']}, which does not exist there")
                    continue
                for rule in role.get("rules") or []:
                    resources = set(rule.get("resources") or [])
                    if "secrets" in resources or "rbac.authorization.k8s.io" in (rule.get("apiGroups") or []):
                        problems.append(f"{who} rights on {sorted(resources)} in {rule.get('apiGroups')}")
                env = spaces.get(ns, {}).get("slipway.dev/environment")
                writes = any(WRITE_VERBS & set(r.get("verbs") or []) and not set(r.get("resources") or []) <= {"pods"}
                             for r in role.get("rules") or [])
                developers, _ = groups_of(team)
                if env in production and writes and subject["name"] == developers and not writes_production(team, env):
                    problems.append(f"{who} write rights in production ({env}), which the design keeps read-only")
    if not repo.argo:
        return problems + flux_tenancy(repo, owners)
    for cluster_dir in sorted(p for p in (repo.root / "bootstrap").iterdir() if p.is_dir()):
        cluster = cluster_dir.name
        docs = [d for p in cluster_dir.rglob("*.yaml") for d in documents(p.read_text())]
        projects = {d["metadata"]["name"]: d for d in docs if d.get("kind") == "AppProject"}
        mine = owners.get(cluster, {})
        for name, project in projects.items():
            team = (project["metadata"].get("labels") or {}).get("slipway.dev/team")
            if team is None:
                continue
            reach = {d.get("namespace") for d in project["spec"].get("destinations") or []}
            if project["spec"].get("clusterResourceWhitelist"):
                problems.append(f"{cluster}: project {name} of team {team} may create cluster-scoped objects")
            wanted = {ns for ns, owner in mine.items() if owner == team}
            if reach != wanted:
                problems.append(f"{cluster}: project {name} reaches {sorted(reach)}, team {team} owns {sorted(wanted)}")
        for doc in docs:
            if doc.get("kind") not in ("Application", "ApplicationSet") or not str(doc.get("apiVersion", "")).startswith("argoproj.io"):
                continue
            for app, project_name, target, paths in rendered_applications(doc):
                if not any(p.startswith(("applications/", "apps/")) for p in paths):
                    continue
                project = projects.get(project_name)
                if project is None:
                    problems.append(f"{cluster}: Application {app} is in project {project_name}, which does not exist")
                    continue
                if team_rbac and "slipway.dev/team" not in (project["metadata"].get("labels") or {}):
                    problems.append(f"{cluster}: Application {app} deploys a team's service through project {project_name}, which belongs to no team")
                    continue
                reach = {d.get("namespace") for d in project["spec"].get("destinations") or []}
                if target not in reach:
                    problems.append(f"{cluster}: Application {app} targets namespace {target or '(none)'}, which project {project_name} does not permit")
                team = (project["metadata"].get("labels") or {}).get("slipway.dev/team")
                for path in paths:
                    for obj in repo.build(path):
                        ns = obj.get("metadata", {}).get("namespace")
                        if ns and ns not in reach:
                            problems.append(f"{cluster}: Application {app} in project {project_name} applies {obj['kind']} {obj['metadata']['name']} in {ns}, which the project does not permit")
                        if team and ns in mine and mine[ns] != team:
                            problems.append(f"{cluster}: Application {app} of team {team} writes into {ns}, which team {mine[ns]} owns")
    return problems


def flux_tenancy(repo, owners):
    """Flux applies each team's folder as the team's service account: what the
    folder builds must land in namespaces where that account is bound to a Role
    that covers each object's kind, all of them the team's."""
    problems = []
    for cluster_dir in sorted(p for p in (repo.root / "clusters").iterdir() if p.is_dir()):
        cluster = cluster_dir.name
        policy = [d for rel, ds in repo.files.items() if rel.startswith(f"policies/clusters/{cluster}/") for d in ds]
        accounts = {d["metadata"]["name"] for d in policy
                    if d.get("kind") == "ServiceAccount" and d["metadata"].get("namespace") == "flux-system"}
        roles = {(d["metadata"].get("namespace"), d["metadata"]["name"]): d for d in policy if d.get("kind") == "Role"}
        granted = {}  # (namespace, account) -> rules
        for b in policy:
            if b.get("kind") != "RoleBinding" or b["roleRef"]["kind"] != "Role":
                continue
            for subject in b.get("subjects") or []:
                if subject.get("kind") == "ServiceAccount" and subject.get("namespace") == "flux-system":
                    role = roles.get((b["metadata"]["namespace"], b["roleRef"]["name"])) or {}
                    granted.setdefault((b["metadata"]["namespace"], subject["name"]), []).extend(role.get("rules") or [])
        for doc in [d for p in cluster_dir.rglob("*.yaml") for d in documents(p.read_text())]:
            if doc.get("kind") != "Kustomization" or group_of(doc) != "kustomize.toolkit.fluxcd.io":
                continue
            name, path = doc["metadata"]["name"], doc["spec"]["path"].removeprefix("./")
            # The applications, wherever a Kustomization reads them from.
            if not path.startswith(("apps/", "tenants/")) or not (repo.root / path).is_dir():
                continue
            built = repo.build(path)
            account = doc["spec"].get("serviceAccountName")
            if not account:
                problems.append(f"{cluster}: Kustomization {name} applies a team's services with Flux's own rights")
                continue
            if account not in accounts:
                problems.append(f"{cluster}: Kustomization {name} runs as ServiceAccount flux-system/{account}, which does not exist")
            team = (doc["metadata"].get("labels") or {}).get("slipway.dev/team")
            for obj in built:
                ns = (obj.get("metadata") or {}).get("namespace")
                what = f"{obj['kind']} {ns}/{obj['metadata']['name']}"
                if owners.get(cluster, {}).get(ns) != team:
                    problems.append(f"{cluster}: Kustomization {name} of team {team} applies {what}, in a namespace the team does not own")
                rules = granted.get((ns, account))
                if rules is None:
                    problems.append(f"{cluster}: Kustomization {name} cannot apply {what}: {account} has no Role there")
                    continue
                group, kind = group_of(obj), obj["kind"].lower()
                resource = kind[:-1] + "ies" if kind.endswith("y") else kind + ("es" if kind.endswith("s") else "s")
                if not any(group in (r.get("apiGroups") or []) and ({"*", resource} & set(r.get("resources") or []))
                           and {"*", "patch"} & set(r.get("verbs") or []) for r in rules):
                    problems.append(f"{cluster}: Kustomization {name} cannot apply {what}: {account}'s Role does not cover {group or 'core'}/{resource}")
    return problems


# ---------------------------------------------------------------- running

CHECKS = {"admission": admission, "ordering": ordering, "references": references, "tenancy": tenancy}


def run(root):
    """{check: problems} and counts for one exported repository."""
    repo = Repo(root)
    problems, counts = {}, {}
    for name, check in CHECKS.items():
        try:
            result = check(repo)
        except RuntimeError as error:
            result = [str(error)]
        if isinstance(result, tuple):
            result, more = result
            counts.update(more)
        problems[name] = result
    return problems, counts


if __name__ == "__main__":
    import sys
    for root in sys.argv[1:]:
        found, counted = run(root)
        print(Path(root).name, counted)
        for check, items in found.items():
            for item in items:
                print(f"  {check}: {item}")


# ---------------------------------------------------------------- negative fixtures

def _edit(pattern, replacement, count=0):
    """A mutation: regex-replace in the files matching `pattern`'s glob."""
    import re

    def apply(root, glob, regex=pattern, new=replacement):
        changed = 0
        for path in sorted(Path(root).glob(glob)):
            text = path.read_text()
            out, n = re.subn(regex, new, text, count=count, flags=re.M)
            if n:
                path.write_text(out)
                changed += n
        return changed
    return apply


# (what it breaks, repository, check, files, regex, replacement, what the check must say)
FIXTURES = [
    ("Kyverno policies without namespace scope", "fintech-eks", "admission", "policies/base/kyverno.yaml",
     r"^    namespaceSelector:\n      matchLabels:\n        slipway.dev/workloads: applications\n", "",
     "admission refuses platform component"),
    ("Gatekeeper constraints without namespace scope", "enterprise-aks", "admission", "policies/constraints/gatekeeper-constraints.yaml",
     r"^    namespaceSelector:\n      matchLabels:\n        slipway.dev/workloads: applications\n", "",
     "admission refuses platform component"),
    ("Istio injecting its NET_ADMIN init container (no CNI node agent)", "fintech-eks", "admission", "platform/istiod/values.yaml",
     r"^  cni:\n    enabled: true\n", "", "adds ['NET_ADMIN', 'NET_RAW']"),
    ("a Linkerd proxy without a CPU limit under a CPU quota", "enterprise-aks", "admission", "platform/linkerd-control-plane/sizing.yaml",
     r"^(proxy:\n  resources:\n    cpu:\n      )limit: \"1000m\"\n      ", r"\1", "declares no limits.cpu"),
    ("a placeholder signing key under Deny", "fintech-eks", "admission", "policies/base/kyverno.yaml",
     r"(kind: ImageValidatingPolicy\n(?:.*\n)*?  validationActions:\n    - )Audit", r"\1Deny", "placeholder key"),
    ("no latest-tag policy although the design asks for one", "fintech-eks", "admission", "policies/base/kyverno.yaml",
     r"c.image.contains\(':'\) && !c.image.endsWith\(':latest'\)", "true", "tagged latest"),
    ("Argo CD without Application health", "fintech-eks", "ordering", "platform/argo-cd/values.yaml",
     r"resource.customizations.health.argoproj.io_Application", "resource.customizations.unused", "sync waves between them do not wait"),
    ("configuration synced before the platform charts", "fintech-eks", "ordering", "bootstrap/*/configs.yaml",
     r'sync-wave: "0"', 'sync-wave: "-20"', "before the platform charts"),
    ("applications synced before their namespaces", "fintech-eks", "ordering", "bootstrap/*/applications.yaml",
     r'sync-wave: "2"', 'sync-wave: "0"', "before it is created"),
    ("a chart installed in the wave of the chart it needs", "fintech-eks", "ordering", "bootstrap/*/platform/istiod.yaml",
     r'sync-wave: "-7"', 'sync-wave: "-8"', "needs istio-base"),
    ("a HelmRelease that does not wait for its CRDs", "fintech-eks-flux", "ordering", "infrastructure/controllers/istiod/release.yaml",
     r"^  dependsOn:\n(?:    .*\n)+", "", "does not wait for istio-base"),
    ("a Gateway on a class nothing installs", "generated-1", "references", "policies/clusters/*/gateway.yaml",
     r"gatewayClassName: .*", "gatewayClassName: nginx-plus", "which nothing installs"),
    ("an ExternalSecret reading a store that does not exist", "fintech-eks", "references", "applications/base/*/externalsecret.yaml",
     r"^    name: platform$", "    name: vault-prod", "which does not exist"),
    ("a Secret nobody creates and no input lists", "fintech-eks", "references", "docs/inputs.yaml",
     r"^        name: \"on-call\"$", '        name: "pager"', "Secret monitoring/on-call"),
    ("a workload running as a missing ServiceAccount", "fintech-eks", "references", "applications/base/*/serviceaccount.yaml",
     r'^  name: "?([a-z0-9-]+)"?$', r'  name: "\1-old"', "runs as ServiceAccount"),
    ("an environment reading a branch source nothing defines", "fintech-eks-flux", "references", "clusters/platform-prod/apps.yaml",
     r"^kind: GitRepository\nmetadata:\n  name: \"apps-prod\"", 'kind: GitRepository\nmetadata:\n  name: "apps-production"', "which nothing defines"),
    ("a placeholder in a file no input names", "enterprise-aks", "references", "docs/inputs.yaml",
     r'^      - "platform/loki/values.yaml"$', '      - "platform/loki/README.md"', "carries the placeholder set-storage-account"),
    ("kubelets with self-signed serving certificates", "regulated-kubeadm", "references", "terraform/kubeadm/*/kubeadm-config.yaml",
     r"^serverTLSBootstrap: true$", "serverTLSBootstrap: false", "which metrics-server refuses"),
    ("an air-gapped chart source on a public host", "regulated-kubeadm", "references", "infrastructure/controllers/kyverno/repository.yaml",
     r"url: \"oci://registry.clinic.internal/charts\"", 'url: "https://kyverno.github.io/kyverno/"', "not from the mirror"),
    ("an air-gapped node pulling a registry directly", "regulated-kubeadm", "references", "terraform/kubeadm/containerd-mirror.sh",
     r" quay.io", "", "nodes pull quay.io images from the internet"),
    ("a controller whose ServiceAccount has no AWS role", "fintech-eks", "references", "terraform/eks/main.tf",
     r'service_account = "aws-load-balancer-controller"', 'service_account = "aws-lbc"', "which no Pod Identity association grants"),
    ("a scrape of the app port through strict mTLS", "fintech-eks", "references", "applications/base/*/servicemonitor.yaml",
     r"- port: http-metrics\n      path: /stats/prometheus", "- port: http\n      path: /metrics", "through strict mTLS"),
    ("a ServiceMonitor on a port no Service has", "options-eks", "references", "applications/base/*/servicemonitor.yaml",
     r"- port: http$", "- port: metrics", "which no Service it selects"),
    ("a PodMonitor on a port no container has", "startup-gke", "references", "apps/base/*/servicemonitor.yaml",
     r"- port: http$", "- port: metrics", "which no container it selects"),
    ("a tenant bound to the cluster-wide edit role", "enterprise-aks", "tenancy", "policies/clusters/enterprise-dev/rbac.yaml",
     r"^  kind: Role\n  name: developers$", "  kind: ClusterRole\n  name: edit", "the ClusterRole edit, which writes"),
    ("a team namespace without its developers' binding", "enterprise-aks", "tenancy", "policies/clusters/*/rbac.yaml",
     r'name: "aad-k8s-commerce-developers"', 'name: "aad-k8s-somebody"', "has no RoleBinding to aad-k8s-commerce-developers"),
    ("developers writing in production", "enterprise-aks", "tenancy", "policies/clusters/enterprise-prod/rbac.yaml",
     r"^      - watch\n", "      - watch\n      - patch\n", "write rights in production"),
    ("a team's role reading Secrets", "fintech-eks", "tenancy", "policies/clusters/*/rbac.yaml",
     r"^      - configmaps\n", "      - configmaps\n      - secrets\n", "rights on"),
    ("a project reaching another team's namespace", "enterprise-aks", "tenancy", "bootstrap/enterprise-prod/projects.yaml",
     r'^      namespace: "dotnet-services"$', '      namespace: "java-services"', "which project commerce does not permit"),
    ("an application in the platform's project", "fintech-eks", "tenancy", "bootstrap/platform-prod/applications.yaml",
     r'^  project: "([a-z0-9-]+)"$', '  project: "platform"', "which belongs to no team"),
    ("an application in another team's project", "enterprise-aks", "tenancy", "bootstrap/enterprise-prod/applications.yaml",
     r'^            project: "commerce"$', '            project: "insights"', "which project insights does not permit"),
    ("Flux applying a team's folder with its own rights", "fintech-eks-flux", "tenancy", "clusters/platform-prod/apps.yaml",
     r"^  serviceAccountName: .*\n", "", "with Flux's own rights"),
    ("a reconciler Role without a kind the team applies", "fintech-eks-flux", "tenancy", "policies/clusters/*/rbac.yaml",
     r"^      - autoscaling\n", "", "does not cover autoscaling/horizontalpodautoscalers"),
    ("a team's folder applying another team's service", "fintech-eks-flux", "tenancy", "tenants/prod/java-services/kustomization.yaml",
     r'^  - "../../../apps/prod/java-services"$', '  - "../../../apps/prod/python-services"', "in a namespace the team does not own"),
    ("a pod labelled as another team", "fintech-eks", "admission", "applications/base/*/rollout.yaml",
     r'^(        slipway.dev/team: )"[a-z0-9-]+"$', r'\1"intruder"', "must name the team that owns its namespace"),
    ("a controller told the wrong cluster name", "fintech-eks", "references", "bootstrap/platform-prod/platform/aws-load-balancer-controller.yaml",
     r'clusterName: "platform-prod"', 'clusterName: "platform"', "told it runs in cluster platform"),
]


def self_test(export_dir):
    """Each check fails on the defect it targets: returns the fixtures it missed."""
    missed = []
    for what, name, check, glob, regex, replacement, expected in FIXTURES:
        source = Path(export_dir) / name
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / name
            shutil.copytree(source, root)
            if not _edit(regex, replacement)(root, glob):
                missed.append(f"{what}: the fixture no longer applies to {name}/{glob}")
                continue
            result = CHECKS[check](Repo(root))
            problems = result[0] if isinstance(result, tuple) else result
            if not any(expected in p for p in problems):
                missed.append(f"{what}: {check} did not notice in {name} (wanted '{expected}', got {problems[:2]})")
    return missed
