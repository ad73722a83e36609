#!/usr/bin/env bash
# The packages as users get them: pack every shipped project into a local folder, then build and run
# samples/PackageConsumer (which references the packages, never the projects) against that folder only, with
# its own empty package cache so nothing comes from an earlier pack; then install the jobemu tool from the folder
# and run `jobemu --version` and `jobemu validate`.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

version=0.1.0-ci.$(date +%s)
dotnet pack JobEmulator.sln -c Release -o "$work/feed" -p:Version="$version" --nologo -v q >"$work/pack.log" 2>&1 || { tail -30 "$work/pack.log"; exit 1; }
echo "packed: $(cd "$work/feed" && ls ./*.nupkg | sed 's|^\./||' | tr '\n' ' ')"

# Every shipped package, each with its symbols and README; the testing host drags in no test framework.
for id in Core Server Testing Testing.Xunit FluentAssertions WireMock Testcontainers Cli; do
  package="$work/feed/JobEmulator.$id.$version"
  [[ -f "$package.nupkg" ]] || { echo "FAIL  JobEmulator.$id was not packed"; exit 1; }
  [[ -f "$package.snupkg" ]] || { echo "FAIL  JobEmulator.$id has no symbol package"; exit 1; }
  python3 -c 'import sys, zipfile; sys.exit("README.md" not in zipfile.ZipFile(sys.argv[1]).namelist())' "$package.nupkg" \
    || { echo "FAIL  JobEmulator.$id has no README"; exit 1; }
done
nuspec() { python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.read(next(n for n in z.namelist() if n.endswith(".nuspec"))).decode())' "$1"; }
if nuspec "$work/feed/JobEmulator.Testing.$version.nupkg" | grep -Eiq 'id="(xunit|FluentAssertions)'; then
  echo "FAIL  JobEmulator.Testing depends on xunit or FluentAssertions"; exit 1
fi
echo "ok    8 packages, each with symbols and a README; JobEmulator.Testing needs no xunit or FluentAssertions"

# The sample leaves the repository, so nothing of the repository's build settings applies to it.
cp -r samples/PackageConsumer "$work/consumer"
cat >"$work/consumer/global.json" <<JSON
{ "sdk": { "version": "10.0.100", "rollForward": "latestFeature" }, "test": { "runner": "Microsoft.Testing.Platform" } }
JSON
cat >"$work/consumer/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config><add key="globalPackagesFolder" value="$work/packages" /></config>
  <packageSources>
    <clear />
    <add key="local" value="$work/feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local"><package pattern="JobEmulator.*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML
(cd "$work/consumer" && dotnet test -p:JobEmulatorVersion="$version" 2>&1 | tail -8)
echo "ok    samples/PackageConsumer passed against the packages"

dotnet tool install JobEmulator.Cli --version "$version" --tool-path "$work/tool" --add-source "$work/feed" >/dev/null
echo "ok    jobemu --version: $("$work/tool/jobemu" --version)"
"$work/tool/jobemu" validate "$root/scenarios" | tail -1
