using GraphEmulator.Seed;

namespace GraphEmulator.State;

/// <summary>The parts of building a <see cref="DirectoryState"/> from a seed that read the seed, not the state.</summary>
internal static class DirectoryBuild
{
    public static UserRecord User(SeedUser u)
    {
        if (string.IsNullOrWhiteSpace(u.Id) || string.IsNullOrWhiteSpace(u.UserPrincipalName))
        {
            throw new InvalidDataException("Every seeded user needs an id and a userPrincipalName.");
        }

        return new UserRecord
        {
            Id = u.Id,
            UserPrincipalName = u.UserPrincipalName,
            DisplayName = u.DisplayName,
            UsageLocation = u.UsageLocation,
            Mail = u.Mail,
            EmployeeHireDate = u.EmployeeHireDate,
            AppearsAfterSeconds = u.AppearsAfterSeconds,
            DefaultMethodId = u.DefaultMethodId,
        };
    }

    /// <summary>
    /// Seeded groups, then memberships: a group's members (a group id makes it nested, else a user id or UPN), a user's
    /// own <c>groups</c> list (ids or names), and the groups that stand for the seed's per-user policy flags
    /// (<see cref="PolicyBuilder"/>).
    /// </summary>
    public static GroupDirectory Groups(DirectorySeed seed, DirectoryState directory)
    {
        var groups = new GroupDirectory(seed.Groups ?? []);
        foreach (var g in seed.Groups ?? [])
        {
            foreach (var member in g.Members)
            {
                if (groups.Find(member) is { } child)
                {
                    groups.AddGroup(g.Id, child.Id);
                }
                else
                {
                    groups.AddUser(g.Id, directory.Find(member)?.Id ?? throw new InvalidDataException($"Member '{member}' of group '{g.DisplayName}' "
                        + $"is neither a seeded user nor a seeded group."));
                }
            }
        }

        foreach (var u in seed.Users)
        {
            foreach (var name in u.Groups ?? [])
            {
                groups.AddUser(groups.Resolve(name).Id, u.Id);
            }

            Flag(groups, u, u.SmsSignIn, "allowed", PolicyBuilder.SmsAllowedGroup);
            Flag(groups, u, u.SmsSignIn, "notAllowedByPolicy", PolicyBuilder.SmsBlockedGroup);
            Flag(groups, u, u.TemporaryAccessPass, "notAllowedByPolicy", PolicyBuilder.TapBlockedGroup);
        }

        return groups;
    }

    public static HardwareOathInventory Inventory(DirectorySeed seed, DirectoryState directory)
    {
        var inventory = new HardwareOathInventory();
        foreach (var d in seed.HardwareOathDevices ?? [])
        {
            if (!TotpCheck.TryParseSecret(d.SecretKey, out var secret) || d.TimeIntervalInSeconds is not (30 or 60)
                || inventory.BySerial(d.SerialNumber) is not null)
            {
                throw new InvalidDataException($"Seeded hardware OATH token '{d.SerialNumber}' needs a unique serial number, a base32 secret and a "
                    + $"30 or 60 s interval.");
            }

            var user = d.AssignTo is null ? null : directory.Find(d.AssignTo) ?? throw new InvalidDataException($"Hardware OATH token "
                + $"'{d.SerialNumber}' is assigned to '{d.AssignTo}', who is not in the seed.");
            inventory.Add(new OathDevice
            {
                Id = d.Id ?? StableId.For("oath:" + d.SerialNumber),
                SerialNumber = d.SerialNumber,
                Manufacturer = d.Manufacturer,
                Model = d.Model,
                Secret = secret,
                TimeIntervalInSeconds = d.TimeIntervalInSeconds,
                HashFunction = d.HashFunction,
                DisplayName = d.DisplayName,
                AssignedToUserId = user?.Id,
                Status = user is null ? "available" : d.Status ?? "activated",
                AssignedAt = user is null ? null : directory.BuiltAt,
            });
        }

        return inventory;
    }

    private static void Flag(GroupDirectory groups, SeedUser u, string? value, string flag, string groupName)
    {
        if (string.Equals(value, flag, StringComparison.OrdinalIgnoreCase))
        {
            groups.AddUser(groups.Resolve(groupName).Id, u.Id);
        }
    }
}
