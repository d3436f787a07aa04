// Validates custom resources against upstream schemas from the pinned
// @kubernetes-models packages. Reads a JSON array of {file, doc} from stdin;
// prints one line per problem; exits 1 when any document fails or has no schema.
import { readFileSync } from "node:fs";

const packages = {
  "argoproj.io": ["argo-cd", "argo-rollouts"],
  "source.toolkit.fluxcd.io": ["flux-cd"],
  "kustomize.toolkit.fluxcd.io": ["flux-cd"],
  "helm.toolkit.fluxcd.io": ["flux-cd"],
  "notification.toolkit.fluxcd.io": ["flux-cd"],
  "security.istio.io": ["istio"],
  "networking.istio.io": ["istio"],
  "telemetry.istio.io": ["istio"],
  "external-secrets.io": ["external-secrets"],
  "cert-manager.io": ["cert-manager"],
  "monitoring.coreos.com": ["prometheus-operator"],
  "gateway.networking.k8s.io": ["gateway-api"],
  "policies.kyverno.io": ["kyverno"],
  "kyverno.io": ["kyverno"],
  "karpenter.sh": ["karpenter"],
  "karpenter.k8s.aws": ["karpenter"],
  "keda.sh": ["keda"],
  "cilium.io": ["cilium"],
  "bitnami.com": ["sealed-secrets"],
};

async function model(apiVersion, kind) {
  const [group, version] = apiVersion.split("/");
  for (const pkg of packages[group] ?? []) {
    try {
      const module = await import(`@kubernetes-models/${pkg}/${group}/${version}/${kind}`);
      return module[kind];
    } catch {
      // not in this package; try the next
    }
  }
  return null;
}

const items = JSON.parse(readFileSync(0, "utf8"));
let failed = 0;
const seen = {};
for (const { file, doc } of items) {
  const Model = await model(doc.apiVersion, doc.kind);
  const where = `${file}: ${doc.apiVersion} ${doc.kind} ${doc.metadata?.name ?? ""}`;
  if (!Model) {
    console.log(`NO SCHEMA ${where}`);
    failed++;
    continue;
  }
  try {
    new Model(doc).validate();
    seen[`${doc.apiVersion} ${doc.kind}`] = (seen[`${doc.apiVersion} ${doc.kind}`] ?? 0) + 1;
  } catch (error) {
    console.log(`INVALID ${where}: ${error.message ?? error}`);
    failed++;
  }
}
for (const [kind, count] of Object.entries(seen).sort()) {
  console.log(`ok ${count} x ${kind}`);
}
process.exit(failed ? 1 : 0);
