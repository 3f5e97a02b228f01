using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Validation;

public class UserKeyTests
{
    [Fact]
    public void Ids_that_differ_only_in_case_have_one_key_and_one_fingerprint()
    {
        Assert.Equal(UserKey.Of("ada@contoso.com"), UserKey.Of("Ada@Contoso.COM"));
        Assert.Equal(UserKey.Fingerprint("ada@contoso.com"), UserKey.Fingerprint("Ada@Contoso.COM"));
    }

    [Fact]
    public void Different_users_have_different_keys_and_fingerprints()
    {
        Assert.NotEqual(UserKey.Of("ada@contoso.com"), UserKey.Of("bob@contoso.com"));
        Assert.NotEqual(UserKey.Fingerprint("ada@contoso.com"), UserKey.Fingerprint("bob@contoso.com"));
    }
}
