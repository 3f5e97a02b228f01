using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using BulkRegistrar.Reading;
using BulkRegistrar.Validation;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Methods.Phones;

/// <summary>
/// The three phone methods — mobile, alternate mobile and office — which differ only in their names, their fixed Graph
/// ids, whether they take an extension and their order: an alternate needs a mobile, so it is created after it and
/// removed before it. Numbers are compared by their parsed value and shown masked.
/// </summary>
internal sealed class PhoneMethod : ValueMethod
{
    private readonly string _noun;
    private readonly bool _needsMobile;

    private PhoneMethod(MethodKind kind, string name, MethodColumn cell, string noun, string methodId, int removeOrder,
        int registerOrder, bool needsMobile = false, bool takesExtension = false, params string[] typeWords)
        : base(kind, name, removeOrder, registerOrder)
    {
        (Cell, _noun, MethodId, _needsMobile, TakesExtension) = (cell, noun, methodId, needsMobile, takesExtension);
        TypeWords = [name, .. typeWords];
    }

    // Fixed phone method ids (docs/graph-behaviour.md §1.1): PATCH and DELETE need no list first. Among the default headers,
    // the exports' own (docs/input-formats.md): authenticationAlternativePhoneNumber, businessPhones, telephoneNumber.
    public static PhoneMethod Mobile { get; } = new(MethodKind.Mobile, "mobile",
        new("MobilePhone", "MobilePhone", "mobile", "Mobile phone", "cell", "Cell phone", "Mobile number") { Phone = true },
        "the mobile phone", "3179e48a-750b-4051-897c-87b9720928f7", removeOrder: 130, registerOrder: 200,
        typeWords: ["mobilephone", "cell", "cellphone"]);

    public static PhoneMethod AlternateMobile { get; } = new(MethodKind.AlternateMobile, "alternateMobile",
        new("AlternateMobilePhone", "AlternateMobilePhone", "alternateMobile", "Alternate mobile phone", "Alternate mobile",
            "authenticationAlternativePhoneNumber") { Phone = true },
        "the alternate mobile phone", "b6332ec1-7057-4abe-9331-3d72feddfe41", removeOrder: 100, registerOrder: 210,
        needsMobile: true, typeWords: ["alternatemobilephone"]);

    // Microsoft 365's export writes the business phone as "Phone number" beside "Mobile Phone".
    public static PhoneMethod Office { get; } = new(MethodKind.Office, "office",
        new("OfficePhone", "OfficePhone", "office", "Office phone", "businessPhone", "Business phone", "Work phone", "businessPhones",
            "telephoneNumber") { Phone = true, NumberBeside = Mobile.Cell },
        "the office phone", "e37fc753-ff3b-4958-9484-eaa9425c82bc", removeOrder: 110, registerOrder: 220,
        takesExtension: true, typeWords: ["officephone", "business", "businessphone", "work", "workphone"]);

    public static IReadOnlyList<PhoneMethod> All { get; } = [Mobile, AlternateMobile, Office];

    /// <summary>The phone's own column (the wide form), which export writes too.</summary>
    public MethodColumn Cell { get; }

    public override IReadOnlyList<MethodColumn> Columns => [Cell];

    public override IReadOnlyCollection<string> TypeWords { get; }

    public string MethodId { get; }

    /// <summary>
    /// Graph's <c>phoneType</c>, the method's name. Made only when a request is built: a field of the SDK's type would load
    /// the Microsoft.Graph assembly (tens of MB) into every validate, which never talks to Graph.
    /// </summary>
    public AuthenticationPhoneType GraphType => Enum.Parse<AuthenticationPhoneType>(Name, ignoreCase: true);

    /// <summary>Only an office phone takes an extension; on the others a fixed line is a landline worth a warning.</summary>
    public override bool TakesExtension { get; }

    public override string Noun => _noun;

    public override MethodList List => PhoneList.Instance;

    public override string ExportColumn => Cell.Key;

    /// <summary>The phone method Graph's <c>phoneType</c> names, or null for anything else.</summary>
    public static PhoneMethod? Typed(string? phoneType) => All.FirstOrDefault(p => p.Name == phoneType);

    public override MethodCheck? Check(RowCells row) => PhoneCells.Check(this, row);

    public override string? Current(CurrentMethods current) => PhoneList.Phone(current, Kind)?.Number;

    public override string? ValueIn(string body) => PhoneList.Phone(body, Kind)?.Number;

    public override bool Same(string? wanted, string? existing) => wanted is not null && existing is not null && SameNumber.Equal(wanted, existing);

    public override string Mask(string value) => PhoneMask.Mask(value);

    public override string Shown(string? value) => value is null ? "no such phone method" : $"the number {Mask(value)}";

    /// <summary>An alternate cannot be created while the user has no mobile: it waits for the mobile's write.</summary>
    public override MethodKind? NeedsFirst(PlannedOperation op, CurrentMethods current) =>
        _needsMobile && op.Kind == OperationKind.Create && PhoneList.Phone(current, MethodKind.Mobile) is null ? MethodKind.Mobile : null;

    /// <summary>Graph returns numbers as stored (+44 07400…, +1 (425) 555-0100): the file gets the canonical form.</summary>
    public override string? Export(CurrentMethods current) => SameNumber.Canonical(Current(current));

    public override RequestInformation Create(GraphRequests requests, string id, string value) =>
        requests.Client.Users[id].Authentication.PhoneMethods.ToPostRequestInformation(Body(value));

    public override RequestInformation Replace(GraphRequests requests, string id, string value, CurrentMethods current) =>
        requests.Client.Users[id].Authentication.PhoneMethods[MethodId].ToPatchRequestInformation(Body(value));

    public override RequestInformation Remove(GraphRequests requests, string id, CurrentMethods current) =>
        requests.Client.Users[id].Authentication.PhoneMethods[MethodId].ToDeleteRequestInformation();

    private PhoneAuthenticationMethod Body(string number) => new() { PhoneNumber = number, PhoneType = GraphType };
}
