namespace JobEmulator.Core.Dialects.Operations;

/// <summary>
/// When two operations would answer the same requests: the same method, and routes whose literal segments are the same
/// (ignoring case, as routing does) with parameters in the same places, whatever the parameters are called.
/// </summary>
internal static class RouteShape
{
    public static bool Clash(DialectOperation a, DialectOperation b) =>
        string.Equals(a.Method, b.Method, StringComparison.OrdinalIgnoreCase) && string.Equals(Of(a.Route), Of(b.Route), StringComparison.OrdinalIgnoreCase);

    /// <summary><c>/v1/jobs/{id}</c> → <c>/v1/jobs/{}</c>: the route with every parameter's name left out.</summary>
    public static string Of(string route)
    {
        var shape = new System.Text.StringBuilder(route.Length);
        var inParameter = false;
        foreach (var c in route.TrimEnd('/'))
        {
            if (c == '{')
            {
                inParameter = true;
                shape.Append("{}");
            }
            else if (c == '}')
            {
                inParameter = false;
            }
            else if (!inParameter)
            {
                shape.Append(c);
            }
        }

        return shape.ToString();
    }
}
