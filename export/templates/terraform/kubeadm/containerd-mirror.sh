{%- if mirror %}
#!/bin/sh
# Points containerd on this node at the mirror {{ mirror }} for every registry
# the platform's images come from, so nothing is pulled from the internet.
# Run as root on every node before `kubeadm init` or `kubeadm join`; safe to
# run again. Images keep their upstream names: the mirror serves each
# registry under {{ mirror }}/<registry>/.
set -eu
CERTS=/etc/containerd/certs.d
for registry in{% for r in image_registries %} {{ r }}{% endfor %}; do
  mkdir -p "$CERTS/$registry"
  cat > "$CERTS/$registry/hosts.toml" <<TOML
server = "https://$registry"

[host."https://{{ mirror }}/v2/$registry"]
  capabilities = ["pull", "resolve"]
  override_path = true
TOML
done
# containerd reads certs.d only when its CRI registry config_path names it.
if ! grep -q 'config_path = "/etc/containerd/certs.d"' /etc/containerd/config.toml 2>/dev/null; then
  echo "Set config_path = \"/etc/containerd/certs.d\" under the CRI registry section of /etc/containerd/config.toml, then: systemctl restart containerd" >&2
  exit 1
fi
systemctl restart containerd
{%- endif %}
