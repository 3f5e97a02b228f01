#!/usr/bin/env bash
# Builds what the benchmarks compare (docs/benchmarks.md), each as it ships:
#   src/BulkRegistrar/bin/Release/net10.0/BulkRegistrar   plain Release build (JIT only)
#   /tmp/bulkregistrar-variants/tool/bulkregistrar        the packed .NET tool (ReadyToRun), installed into a tool path
#   /tmp/bulkregistrar-variants/single/BulkRegistrar      the linux-x64 single-file executable (self-contained, ReadyToRun)
# plus the benchmarks, the batch client and the standalone emulator (Release). The versus, startup and memory modes
# then find them by themselves. Packs only this machine's tool package (the pointer package and linux-x64), which is
# all `dotnet tool install` needs here; README "Running nightly" step 7 packs every runtime.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${TMPDIR:-/tmp}/bulkregistrar-variants"
rm -rf "$out" src/BulkRegistrar/bin/Release/net10.0/*/publish   # a stale publish folder keeps files the next publish would replace
mkdir -p "$out"
dotnet build -c Release benchmarks/BulkRegistrar.Benchmarks -v q --nologo
dotnet pack src/BulkRegistrar -c Release -o "$out/nupkg" -p:ToolPackageRuntimeIdentifiers=linux-x64 -v q --nologo
dotnet tool install BulkRegistrar --tool-path "$out/tool" --add-source "$out/nupkg"
dotnet publish src/BulkRegistrar -p:PublishProfile=linux-x64 -p:PublishDir="$out/single/" -v q --nologo
ls -l "$out/tool/bulkregistrar" "$out/single/BulkRegistrar"
