#!/usr/bin/env bash
# Brings KERN-UX (npm @kern-ux/native) of the given version into static/vendor/kern-ux/: the
# stylesheet, the Fira Sans font stylesheet and every font file it names, the licence and the
# version. Served by the site itself (WhiteNoise), never from a CDN.
#   scripts/update_kern.sh 2.7.2
set -euo pipefail

version="${1:?usage: scripts/update_kern.sh VERSION (e.g. 2.7.2)}"
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/static/vendor/kern-ux"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v npm >/dev/null || { echo "npm is missing: apt-get install npm" >&2; exit 1; }
(cd "$work" && npm pack --silent "@kern-ux/native@$version" >/dev/null && tar xzf ./*.tgz)
package="$work/package"

# Replace what this script manages; fonts/OFL.txt (Fira Sans' own licence) stays.
rm -f "$dest/kern.min.css" "$dest/LICENSE.md" "$dest/VERSION" "$dest/fonts/fira-sans.css"
rm -rf "$dest/fonts/fira-sans"
mkdir -p "$dest/fonts/fira-sans"
cp "$package/dist/kern.min.css" "$package/LICENSE.md" "$dest/"
cp "$package/dist/fonts/fira-sans.css" "$dest/fonts/"
# Only the font files the stylesheet names: collectstatic's manifest fails on a missing one, and
# files nobody names would be served for nothing.
grep -o 'url("[^"]*")' "$package/dist/fonts/fira-sans.css" | sed 's/^url("\.\///; s/")$//' |
  while read -r file; do cp "$package/dist/fonts/$file" "$dest/fonts/$file"; done
echo "$version" > "$dest/VERSION"
echo "KERN-UX $version in $dest ($(ls "$dest/fonts/fira-sans" | wc -l) font files)."
