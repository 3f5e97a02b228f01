using BulkRegistrar.Audit;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace BulkRegistrar.Cli;

/// <summary>
/// The console every verb writes to: each text segment has its control and bidi characters made
/// visible (<see cref="ControlText"/>) on the way out, so a cell, a header or a file name cannot
/// move the cursor, recolour the screen or reverse a line, whichever call printed it. Spectre's
/// own control codes (progress redraws) pass untouched. Line breaks inside one message are split
/// into lines by Spectre before they get here: messages with user text use <see cref="Line"/>,
/// which escapes those too.
/// </summary>
internal sealed class SafeConsole(IAnsiConsole inner) : IAnsiConsole
{
    public static IAnsiConsole Wrap(IAnsiConsole console) => console as SafeConsole ?? new SafeConsole(console);

    /// <summary>Markup for a line of text that may quote the input: escaped for markup and for the terminal.</summary>
    public static string Line(string text) => Markup.Escape(ControlText.Escape(text));

    public Profile Profile => inner.Profile;

    public IAnsiConsoleCursor Cursor => inner.Cursor;

    public IAnsiConsoleInput Input => inner.Input;

    public IExclusivityMode ExclusivityMode => inner.ExclusivityMode;

    public RenderPipeline Pipeline => inner.Pipeline;

    public void Clear(bool home) => inner.Clear(home);

    public void Write(IRenderable renderable) => inner.Write(new Sanitised(renderable));

    public void WriteAnsi(Action<AnsiWriter> action) => inner.WriteAnsi(action);

    private sealed class Sanitised(IRenderable inner) : IRenderable
    {
        public Measurement Measure(RenderOptions options, int maxWidth) => inner.Measure(options, maxWidth);

        public IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
        {
            foreach (var segment in inner.Render(options, maxWidth))
            {
                yield return segment.IsControlCode || segment.IsLineBreak || !NeedsEscaping(segment.Text)
                    ? segment
                    : new Segment(ControlText.Escape(segment.Text), segment.Style);
            }
        }

        private static bool NeedsEscaping(string text)
        {
            foreach (var c in text)
            {
                if (ControlText.IsUnsafe(c))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
