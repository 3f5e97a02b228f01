using System.Diagnostics;
using System.Globalization;
using Azure.Core.Pipeline;
using Azure.Identity;
using BatchClient;
using Microsoft.Graph;

// The competent batch client (docs/benchmarks.md): posts every row's mobile blind, 20 per $batch, with as many
// batches in flight as --in-flight allows, and retries the failed items of each batch as Microsoft's pages say.
//
//   BatchClient --csv FILE --url https://127.0.0.1:PORT/ --tenant ID --client ID --pin SHA256 --k K [--in-flight N] [--attempts N]
//
// The client secret comes from BATCHCLIENT_SECRET (the emulator's well-known test app). The CSV is the benchmark's
// own generated `upn,mobile` file. The only things it knows about the emulator are the two a time-compressed run
// needs to be fair to it: the exact wait in x-emulator-retry-after-ms (Retry-After is whole seconds, up to 10x too
// long at k = 10) and k, by which it divides its own backoff, as the emulator divides every wait.
var options = ClientOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: BatchClient --csv FILE --url BASE --tenant ID --client ID --pin SHA256 --k K [--in-flight N] [--attempts N]");
    return 2;
}

var clock = Stopwatch.StartNew();
var rows = File.ReadLines(options.Csv).Skip(1)
    .Select(line => line.Split(','))
    .Where(cells => cells.Length >= 2)
    .Select(cells => (Upn: cells[0], Mobile: cells[1]))
    .ToList();

var credential = new ClientSecretCredential(options.Tenant, options.Client, Environment.GetEnvironmentVariable("BATCHCLIENT_SECRET"),
    new ClientSecretCredentialOptions
{
    AuthorityHost = options.Url,
    DisableInstanceDiscovery = true,
    Transport = new HttpClientTransport(Loopback.Handler(options.Pin)),
});
var auth = new Microsoft.Graph.Authentication.AzureIdentityAuthenticationProvider(credential, [options.Url.Host], null, true,
    "https://graph.microsoft.com/.default");

// The SDK's default handler chain (its RetryHandler retries a throttled or unavailable envelope), over the loopback handler.
using var http = GraphClientFactory.Create(finalHandler: Loopback.Handler(options.Pin));
var graph = new GraphServiceClient(http, auth, options.Url.GetLeftPart(UriPartial.Authority) + "/v1.0");
using var sender = new BatchSender(graph, options);
await sender.SendAllAsync(rows);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"batch client: {rows.Count} rows, {sender.Envelopes} envelopes posted, {sender.ItemsRetried} items retried, {sender.ItemsGivenUp} items given "
        + $"up, {sender.ItemsFailedOtherwise} items answered 4xx (left as they are), {sender.Waits}, {clock.Elapsed.TotalSeconds:F2} s"));
return 0;
