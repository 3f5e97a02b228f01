namespace BulkRegistrar.State;

/// <summary>The end of a run's use of the store, as a sentence rather than an exception: the run still writes its summary.</summary>
internal static class StateSave
{
    /// <returns>Null when what the run remembered is committed (or there is no store); else the sentence.</returns>
    public static string? Problem(IncrementalState? state)
    {
        try
        {
            state?.Save();
            return null;
        }
        catch (RunProblemException e)
        {
            return e.Message;
        }
    }
}
