using System.Globalization;
using System.Text;

namespace Grainflow.Storage.AzureBlob.Sas;

/// <summary>Formatting shared by the SAS builders.</summary>
internal static class SasFormat
{
    public static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? string.Empty;

    public static string Protocol(SasProtocol protocol) => protocol switch
    {
        SasProtocol.Https => "https",
        SasProtocol.HttpsAndHttp => "https,http",
        _ => string.Empty,
    };

    /// <summary>Permission letters in the given order, e.g. "racwdl" for service SAS, "rwdlac" for account SAS.</summary>
    public static string Permissions(SasPermissions permissions, string order)
    {
        var builder = new StringBuilder(order.Length);
        foreach (var letter in order)
        {
            if ((permissions & Flag(letter)) != 0)
            {
                builder.Append(letter);
            }
        }

        return builder.ToString();
    }

    public static void Append(StringBuilder query, string name, string value)
    {
        if (value.Length == 0)
        {
            return;
        }

        if (query.Length > 0)
        {
            query.Append('&');
        }

        query.Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }

    private static SasPermissions Flag(char letter) => letter switch
    {
        'r' => SasPermissions.Read,
        'a' => SasPermissions.Add,
        'c' => SasPermissions.Create,
        'w' => SasPermissions.Write,
        'd' => SasPermissions.Delete,
        'l' => SasPermissions.List,
        _ => SasPermissions.None,
    };
}
