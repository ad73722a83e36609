# JobEmulator as a sidecar: scenarios at /scenarios (the bundled ones unless you mount your own), HTTP on 8080.
#   docker build -t jobemulator .
#   docker run --rm -p 8080:8080 -v "$PWD/scenarios:/scenarios" jobemulator
# Configuration by environment (each also a `jobemu serve` option): JOBEMU_PORT, JOBEMU_SCENARIOS (paths
# separated by ':'; dialect definitions, kind: dialect, among them), JOBEMU_DIALECTS (more paths), JOBEMU_CLOCK (system|manual), JOBEMU_CLOCK_SCALE, JOBEMU_WATCH (true), JOBEMU_ADMIN_TOKEN,
# JOBEMU_LOG_FORMAT (text|json), JOBEMU_REQUEST_LOG (on|off), JOBEMU_JOURNAL.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/ src/
# No .git in the build context: SourceLink (for the packages) has nothing to read here.
# For the build machine's runtime, so it is precompiled (ReadyToRun) and answers sooner after it starts.
RUN dotnet publish src/JobEmulator.Cli/JobEmulator.Cli.csproj -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o /app --nologo -p:EnableSourceLink=false -p:EnableSourceControlManagerQueries=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
COPY scenarios/ /scenarios/
ENV JOBEMU_HOST=0.0.0.0 \
    JOBEMU_PORT=8080 \
    JOBEMU_SCENARIOS=/scenarios
VOLUME ["/scenarios"]
USER $APP_UID
EXPOSE 8080
# The health check runs the emulator's own client: the runtime image has no curl.
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=3 CMD ["dotnet", "/app/jobemu.dll", "health"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "/app/jobemu.dll"]
CMD ["serve"]
