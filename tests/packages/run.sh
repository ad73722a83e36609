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

# First, the README's own instructions, as written: pack from a copy of the repository into ../packages, make a
# test project beside it with `dotnet new xunit3`, write the README's nuget.config, add the packages, run its tests.
# Only the tool goes to a folder of ours instead of --global, and, where NuGet does not serve xunit.v3.templates (this
# machine kind's copy of nuget.org lacks it), `dotnet new xunit3` is stood in for by the project it makes. A package
# cache of its own stands for a clean machine.
mkdir -p "$work/readme/repo"
tar --exclude='*/bin' --exclude='*/obj' -C "$root" -cf - . | tar -xf - -C "$work/readme/repo"
template=template; dotnet new install xunit.v3.templates >/dev/null 2>&1 || template=no-template
# What `dotnet new xunit3` makes: an xunit v3 test project (an executable) with one test.
new_xunit3() {
  mkdir -p "$1"
  cat >"$1/MyTests.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <OutputType>Exe</OutputType>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="xunit.v3" Version="4.0.2" />
  </ItemGroup>
</Project>
XML
  printf 'namespace MyTests;\n\npublic class UnitTest1\n{\n    [Xunit.Fact]\n    public void Test1() => Xunit.Assert.True(typeof(JobEmulator.Testing.JobEmulatorHost) is not null);\n}\n' >"$1/UnitTest1.cs"
}
export -f new_xunit3
python3 - "$root/docs/testing.md" "$template" >"$work/readme/block.sh" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
marker = text.index("tests/packages/run.sh runs this block")
block = re.search(r"```bash\n(.*?)```", text[marker:], re.S).group(1)
block = block.replace("--global", '--tool-path "$TOOLS"')
if sys.argv[2] == "no-template":
    block = block.replace("dotnet new install xunit.v3.templates", "true")
    block = block.replace("dotnet new xunit3 -o ../MyTests", "new_xunit3 ../MyTests")
print(block)
PY
(cd "$work/readme/repo" && NUGET_PACKAGES="$work/readme/cache" TOOLS="$work/readme/tools" timeout 900 bash -euo pipefail "$work/readme/block.sh" >"$work/readme.log" 2>&1) \
  || { echo "FAIL  the README's package instructions, run as written:"; tail -30 "$work/readme.log"; exit 1; }
grep -E "^(Passed|Failed)!|total:|succeeded:" "$work/readme.log" | tail -3 || true
"$work/readme/tools/jobemu" --version >/dev/null || { echo "FAIL  the README's tool install gave no working jobemu"; exit 1; }
echo "ok    the README's package instructions, run as written: pack, dotnet new xunit3, nuget.config, add package, test, tool install"

version=0.1.0
mkdir -p "$work/feed"
cp "$work/readme/packages"/*.nupkg "$work/readme/packages"/*.snupkg "$work/feed/"
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
