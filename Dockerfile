# JobEmulator as a sidecar: scenarios mounted at /scenarios, HTTP on 8080.
#   docker build -t jobemulator .
#   docker run --rm -p 8080:8080 -v ./scenarios:/scenarios jobemulator
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/ src/
RUN dotnet publish src/JobEmulator.Cli/JobEmulator.Cli.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
COPY scenarios/ /scenarios/
USER $APP_UID
EXPOSE 8080
ENTRYPOINT ["dotnet", "/app/jobemu.dll"]
CMD ["serve", "/scenarios", "--host", "0.0.0.0", "--port", "8080"]
