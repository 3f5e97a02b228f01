namespace BulkRegistrar.Cli;

/// <summary><c>Phone</c> section: how phone cells are read.</summary>
internal sealed class PhoneOptions
{
    /// <summary>The region assumed for numbers written without <c>+</c> when neither the row nor <c>--region</c> says.</summary>
    public string? DefaultRegion { get; set; }

    /// <summary>
    /// Read letters in a phone cell as keypad digits (vanity numbers such as 1-800-FLOWERS). Off by default:
    /// a placeholder such as 07400 XXXXXX would otherwise become a stranger's number.
    /// </summary>
    public bool AllowVanityNumbers { get; set; }
}
