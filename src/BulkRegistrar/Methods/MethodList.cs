using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Methods;

/// <summary>
/// A list of a user's methods that Graph gives in one request (<c>phoneMethods</c> holds the three phones and the
/// mobile's SMS sign-in state). It is read once per user, whichever of its methods the file names, and its answer is
/// shared by them in <see cref="CurrentMethods"/>; verify, revert and export read the same lists.
/// </summary>
internal abstract class MethodList(string noun) : ReadList(noun)
{
    public abstract RequestInformation Request(GraphRequests requests, string id);

    /// <summary>The list's answer, parsed; what <see cref="CurrentMethods"/> holds for it (null: nothing registered).</summary>
    public abstract object? Parse(string body);

    /// <summary>
    /// Graph's answer says the user holds none, not that the read failed: a method read as one object rather than a list
    /// (say <c>qrCodePinMethod</c>) answers 404 when there is none.
    /// </summary>
    public virtual bool IsAbsent(CallResult read) => false;
}

/// <summary>A <see cref="MethodList"/> whose answer reads as <typeparamref name="T"/>.</summary>
internal abstract class MethodList<T>(string noun) : MethodList(noun)
    where T : class
{
    public abstract T? Read(string body);

    public sealed override object? Parse(string body) => Read(body);

    /// <summary>What the user holds by this list, or null when it was not read or holds nothing.</summary>
    public T? In(CurrentMethods current) => current.Of(this) as T;
}
