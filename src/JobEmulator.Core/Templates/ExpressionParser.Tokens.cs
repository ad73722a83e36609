using System.Globalization;

namespace JobEmulator.Core.Templates;

// The lexical level: quoted text, numbers, words, and the tokens between them.
internal sealed partial class ExpressionParser
{
    // After '(': expressions separated by commas, then ')'.
    private List<ExpressionSyntax> Arguments()
    {
        List<ExpressionSyntax> arguments = [];
        if (Take(")"))
        {
            return arguments;
        }

        while (true)
        {
            arguments.Add(Expression());
            if (Take(")"))
            {
                return arguments;
            }

            if (!Take(","))
            {
                throw new ExpressionException(_at, $"expected ',' or ')' in the arguments; found {Found()}");
            }
        }
    }

    private string Quoted(char quote)
    {
        var start = _at++;
        var text = new System.Text.StringBuilder();
        while (_at < _text.Length)
        {
            var c = _text[_at++];
            if (c == quote)
            {
                return text.ToString();
            }

            if (c == '\\' && _at < _text.Length)
            {
                c = _text[_at++];
            }

            text.Append(c);
        }

        throw new ExpressionException(start, $"an unclosed {quote}text{quote}: expected a closing {quote}");
    }

    private decimal Number()
    {
        var start = _at;
        if (_text[_at] == '-')
        {
            _at++;
        }

        while (_at < _text.Length && (char.IsAsciiDigit(_text[_at]) || _text[_at] == '.'))
        {
            _at++;
        }

        var digits = _text[start.._at];
        return decimal.TryParse(digits, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ExpressionException(start, $"'{digits}' is not a number");
    }

    private string? Word()
    {
        var start = _at;
        while (_at < _text.Length && (char.IsAsciiLetterOrDigit(_text[_at]) || _text[_at] == '_') && (_at > start || !char.IsAsciiDigit(_text[_at])))
        {
            _at++;
        }

        return _at > start ? _text[start.._at] : null;
    }

    private bool Take(string token)
    {
        SkipSpace();
        if (string.CompareOrdinal(_text, _at, token, 0, token.Length) != 0)
        {
            return false;
        }

        _at += token.Length;
        return true;
    }

    private bool TakeWord(string word)
    {
        SkipSpace();
        var end = _at + word.Length;
        if (string.CompareOrdinal(_text, _at, word, 0, word.Length) != 0 || (end < _text.Length && (char.IsAsciiLetterOrDigit(_text[end]) || _text[end] == '_')))
        {
            return false;
        }

        _at = end;
        return true;
    }

    private void SkipSpace()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
        {
            _at++;
        }
    }

    private string Rest() => _text[_at..].TrimEnd();

    private string Found() => AtEnd ? "the end" : $"'{_text[_at]}'";
}
