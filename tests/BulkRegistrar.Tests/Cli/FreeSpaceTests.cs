using BulkRegistrar.Cli;

namespace BulkRegistrar.Tests.Cli;

public sealed class FreeSpaceTests
{
    [Fact]
    public void A_disk_with_less_room_than_the_files_audit_needs_is_warned_of_naming_the_folder()
    {
        var folder = Path.GetTempPath();

        var warning = FreeSpace.Warning(folder, inputBytes: long.MaxValue / 64, minFreeMB: 0);

        Assert.NotNull(warning);
        Assert.Contains($"MB free on the disk of {folder}", warning, StringComparison.Ordinal);
        Assert.Contains("apply --resume", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disk_with_room_is_not_warned_of() =>
        Assert.Null(FreeSpace.Warning(Path.GetTempPath(), inputBytes: 1, minFreeMB: 0));
}
