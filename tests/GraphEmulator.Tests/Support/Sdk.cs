using Microsoft.Graph.Models.ODataErrors;

namespace GraphEmulator.Tests.Support;

/// <summary>The HTTP status an SDK call ended with (0: the connection was dropped).</summary>
public static class Sdk
{
    public static async Task<int> StatusOf(Func<Task> call)
    {
        try
        {
            await call();
            return 200;
        }
        catch (ODataError e)
        {
            return e.ResponseStatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    public static async Task<ODataError> ErrorOf(Func<Task> call) => await Assert.ThrowsAsync<ODataError>(call);
}
