namespace GraphEmulator.Graph;

/// <summary>The 200 envelope: responses with numeric status, string header values, JSON body.</summary>
internal static class BatchEnvelope
{
    /// <param name="items">The items in the order their responses are written (not necessarily the order sent).</param>
    public static System.Text.Json.Nodes.JsonObject Build(List<BatchItem> items, Dictionary<string, GraphResponse> results)
    {
        var responses = new System.Text.Json.Nodes.JsonArray();
        foreach (var item in items)
        {
            var r = results[item.Id];
            var headers = new System.Text.Json.Nodes.JsonObject();
            if (r.Body is not null)
            {
                headers["Content-Type"] = r.IsSuccess ? ResponseWriter.ODataJson : "application/json";
            }

            foreach (var (name, value) in r.Headers)
            {
                headers[name] = value;
            }

            var entry = new System.Text.Json.Nodes.JsonObject { ["id"] = item.Id, ["status"] = r.Status, ["headers"] = headers };
            if (r.Body is not null)
            {
                entry["body"] = r.Body;
            }

            responses.Add(entry);
        }

        return new System.Text.Json.Nodes.JsonObject { ["responses"] = responses };
    }
}
