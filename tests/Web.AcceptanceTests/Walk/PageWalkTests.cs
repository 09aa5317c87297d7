using System.Text.RegularExpressions;
using Xunit.Abstractions;
using System.Xml.Linq;

namespace CaseManager.Web.AcceptanceTests.Walk;

/// <summary>
/// Issue #17's page walk: every page of <see cref="WalkPages"/> for each of its walkers, in English and Simplified
/// Chinese, at 1366 px, on seeded demo data. Each visit saves a screenshot (TestResults/screenshots/walk-*) and fails
/// on: an error answer, console errors or uncaught exceptions, an image/script/style/font that fails to load, Razor
/// template text (<c>@</c> outside e-mail addresses, <c>0x@</c>), a page wider than the window, and — in Chinese —
/// English UI text: any visible text node, placeholder, title or aria-label equal to (or, for templates, matching) an
/// English UI string of the resources that has a different Chinese translation. One browser, one context per walker
/// and language. All problems of all pages are gathered and reported together. It runs once per database
/// (<see cref="SqlitePageWalkTests"/>, <see cref="PostgresPageWalkTests"/>) on the application's demo seed; to keep two
/// walks cheap, each visit is one navigation, one JPEG screenshot and one script evaluation for all checks.
/// </summary>
public abstract partial class PageWalkTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const int Width = 1366;

    private static readonly string[] Languages = ["en", "zh-CN"];

    /// <summary>
    /// Where English text is data, not UI, and is skipped by the untranslated-text check: scripts and styles, hidden
    /// elements, code-like cells (.mono, code, pre), form controls' contents, the chain of custody, whose entries
    /// are recorded, hash-chained text, and indicator tags (words the consultant typed).
    /// </summary>
    private const string RecordedData = "script,style,noscript,[hidden],.mono,code,pre,textarea,select,#custody,.tag";

    [SkippableFact]
    public async Task EveryPage_ForEveryRole_InBothLanguages_IsClean()
    {
        Skip.IfNot(fixture.App.Database.IsAvailable, $"No PostgreSQL configured ({TestDatabase.PostgresVariable} is not set).");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var data = await DemoData.SeedAsync(fixture);
        var seeded = clock.Elapsed;
        var pages = WalkPages.For(data);
        var english = EnglishUiStrings();
        var problems = new List<string>();
        var visits = 0;
        TimeSpan loading = default, shooting = default, checking = default;

        // The two languages of a walker go side by side (two browser contexts): while one page renders on the server,
        // the other is screenshot and checked in the browser.
        foreach (var walker in Enum.GetValues<Walker>())
        {
            var mine = pages.Where(p => p.Walkers.Contains(walker)).ToList();
            if (mine.Count == 0)
            {
                continue;
            }

            foreach (var walk in await Task.WhenAll(Languages.Select(language => WalkAsync(walker, language, mine, english))))
            {
                visits += walk.Visits;
                problems.AddRange(walk.Problems);
                loading += walk.Loading;
                shooting += walk.Shooting;
                checking += walk.Checking;
            }
        }

        output.WriteLine($"{fixture.App.Database.Provider}: demo data seeded in {seeded.TotalSeconds:0.0} s; {visits} visits in {(clock.Elapsed - seeded).TotalSeconds:0.0} s " +
                         $"(summed over both languages: loading {loading.TotalSeconds:0.0} s, screenshots {shooting.TotalSeconds:0.0} s, checks {checking.TotalSeconds:0.0} s).");
        visits.ShouldBeGreaterThan(100);
        problems.ShouldBeEmpty($"{problems.Count} problems in {visits} visits:\n" + string.Join("\n", problems));
    }

    /// <summary>One walker's pages in one language, in its own browser context.</summary>
    private async Task<(int Visits, List<string> Problems, TimeSpan Loading, TimeSpan Shooting, TimeSpan Checking)> WalkAsync(
        Walker walker, string language, IReadOnlyList<WalkPage> mine, EnglishStrings english)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan loading = default, shooting = default, checking = default;
        var problems = new List<string>();
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.App.BaseUrl,
            Locale = "en-US",
            ViewportSize = new ViewportSize { Width = Width, Height = 900 },
        });
        context.SetDefaultTimeout(20_000);
        await context.AddCookiesAsync([new() { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = fixture.App.BaseUrl }]);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") { errors.Add($"console: {m.Text}"); } };
        page.PageError += (_, e) => errors.Add($"page error: {e}");
        page.RequestFailed += (_, r) => errors.Add($"failed to load {r.ResourceType} {r.Url}: {r.Failure}");
        page.Response += (_, r) =>
        {
            if (r.Status >= 400 && r.Request.ResourceType is "image" or "script" or "stylesheet" or "font")
            {
                errors.Add($"{r.Status} for {r.Request.ResourceType} {r.Url}");
            }
        };
        await SignInAsync(page, walker);

        foreach (var walkPage in mine)
        {
            errors.Clear();
            var name = $"walk-{fixture.App.Database.Provider}-{walker.ToString().ToLowerInvariant()}-{language}-{walkPage.Name}";
            var mark = clock.Elapsed;
            var response = await page.GotoAsync(walkPage.Path);
            loading += clock.Elapsed - mark;
            mark = clock.Elapsed;
            await ShootAsync(page, Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".jpg"));
            shooting += clock.Elapsed - mark;
            mark = clock.Elapsed;
            var found = new List<string>(errors);
            if (response is null || response.Status >= 400)
            {
                found.Add($"answered {response?.Status}");
            }

            found.AddRange(await CheckAsync(page, language, english));
            checking += clock.Elapsed - mark;
            problems.AddRange(found.Select(f => $"{walker} {language} {walkPage.Path}: {f}"));
        }

        return (mine.Count, problems, loading, shooting, checking);
    }

    /// <summary>
    /// A full-page screenshot for people to look at. Chromium now and then refuses a capture on a busy machine
    /// ("Protocol error (Page.captureScreenshot): Unable to capture screenshot"); the second attempt decides. The page's
    /// checks read its DOM, not the picture.
    /// </summary>
    private static async Task ShootAsync(IPage page, string path)
    {
        var options = new PageScreenshotOptions { Path = path, FullPage = true, Type = ScreenshotType.Jpeg, Quality = 70 };
        try
        {
            await page.ScreenshotAsync(options);
        }
        catch (PlaywrightException e) when (e.Message.Contains("Unable to capture screenshot", StringComparison.Ordinal))
        {
            await page.ScreenshotAsync(options);
        }
    }

    private static async Task SignInAsync(IPage page, Walker walker)
    {
        var (email, password) = walker switch
        {
            Walker.Admin => (TestApp.AdminEmail, TestApp.AdminPassword),
            Walker.Consultant => (DemoData.ConsultantEmail, DemoData.Password),
            Walker.Client => (DemoData.ClientEmail, DemoData.Password),
            _ => (null, null),
        };
        if (email is not null)
        {
            await (await new LoginPage(page).OpenAsync()).SignInAsync(email, password!);
        }
    }

    /// <summary>All checks of one visit in one script evaluation (one round trip to the browser).</summary>
    private static async Task<IEnumerable<string>> CheckAsync(IPage page, string language, EnglishStrings english)
    {
        var problems = new List<string>();
        var found = await page.EvaluateAsync<PageFacts>(
            """
            ([RecordedData, chinese]) => {
              const text = [], texts = [];
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                const p = n.parentElement;
                if (!p) continue;
                // Template text is looked for outside preformatted data (IRC transcripts and the like quote '@' legitimately).
                if (!p.closest('script,style,noscript,pre,textarea')) text.push(n.textContent);
                if (chinese && !p.closest(RecordedData) && p.checkVisibility()) {
                  const t = n.textContent.trim();
                  if (t) texts.push(t);
                }
              }
              if (chinese) {
                document.querySelectorAll('[placeholder],[title],[aria-label]').forEach(e => {
                  for (const a of ['placeholder', 'title', 'aria-label']) { const v = e.getAttribute(a); if (v) texts.push(v.trim()); }
                });
              }
              const scrollWidth = document.documentElement.scrollWidth, innerWidth = window.innerWidth;
              const culprits = scrollWidth <= innerWidth ? [] : [...document.querySelectorAll('body *')]
                  .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
                  .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : ''));
              return { text: text.join(' '), texts, scrollWidth, innerWidth, culprits, lang: document.documentElement.lang };
            }
            """, new object[] { RecordedData, language == "zh-CN" });
        var withoutEmails = EmailAddress().Replace(found.Text, string.Empty);
        foreach (Match m in TemplateText().Matches(withoutEmails))
        {
            problems.Add($"template text «{Around(withoutEmails, m.Index)}»");
        }

        if (found.ScrollWidth > found.InnerWidth)
        {
            problems.Add($"overflows horizontally: {found.ScrollWidth} px > {found.InnerWidth} px ({string.Join(", ", found.Culprits)})");
        }

        if (language == "zh-CN")
        {
            found.Lang.ShouldBe("zh-CN");
            foreach (var t in found.Texts.Distinct())
            {
                if (english.Matches(t))
                {
                    problems.Add($"English UI text in Chinese «{t}»");
                }
            }
        }

        return problems;
    }

    private sealed class PageFacts
    {
        public string Text { get; set; } = string.Empty;

        public string[] Texts { get; set; } = [];

        public int ScrollWidth { get; set; }

        public int InnerWidth { get; set; }

        public string[] Culprits { get; set; } = [];

        public string Lang { get; set; } = string.Empty;
    }

    private static string Around(string text, int index) => text.Substring(Math.Max(0, index - 30), Math.Min(60, text.Length - Math.Max(0, index - 30))).ReplaceLineEndings(" ");

    /// <summary>The English UI strings: keys of the Chinese resources (English text) whose translation differs, plus the English values of keyed strings.</summary>
    private static EnglishStrings EnglishUiStrings()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "CaseManager.sln")))
        {
            directory = directory.Parent;
        }

        var resources = Path.Combine(directory.FullName, "src", "Web", "Resources");
        static Dictionary<string, string> Read(string path) => XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? string.Empty);
        var zh = Read(Path.Combine(resources, "SharedResource.zh-CN.resx"));
        var en = Read(Path.Combine(resources, "SharedResource.en.resx"));
        var strings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, chinese) in zh)
        {
            var englishText = en.TryGetValue(key, out var v) ? v : key;
            if (englishText != chinese && Letters().IsMatch(englishText))
            {
                strings.Add(englishText.Trim());
            }
        }

        return new EnglishStrings(strings);
    }

    private sealed class EnglishStrings(HashSet<string> strings)
    {
        /// <summary>
        /// Texts of two letters or fewer, or that are data in both languages (protocol and unit names), never count.
        /// </summary>
        private static readonly HashSet<string> AllowList = new(StringComparer.Ordinal) { "TLP", "IP", "UTC", "API", "DNS", "HTTP", "TLS", "IRC", "ATT&CK" };

        private readonly Regex[] _templates = strings.Where(s => s.Contains('{', StringComparison.Ordinal) && ThreeLetters().IsMatch(Placeholder().Replace(s, " ")))
            .Select(s => new Regex("^" + Regex.Replace(Regex.Escape(s), @"\\\{\d+(:[^}]*)?}", ".+?") + "$", RegexOptions.None, TimeSpan.FromSeconds(1)))
            .ToArray();

        public bool Matches(string text) =>
            text.Length > 2 && !AllowList.Contains(text) && (strings.Contains(text) || _templates.Any(t => t.IsMatch(text)));
    }

    [GeneratedRegex(@"[A-Za-z]{3}")]
    private static partial Regex ThreeLetters();

    [GeneratedRegex(@"\{\d+(:[^}]*)?}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[A-Za-z]{2}")]
    private static partial Regex Letters();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+")]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"0x@|@")]
    private static partial Regex TemplateText();
}

/// <summary>The page walk on SQLite.</summary>
public sealed class SqlitePageWalkTests(BrowserFixture fixture, ITestOutputHelper output) : PageWalkTests(fixture, output), IClassFixture<BrowserFixture>;

/// <summary>The page walk on PostgreSQL (skipped when no server is configured).</summary>
public sealed class PostgresPageWalkTests(PostgresBrowserFixture fixture, ITestOutputHelper output) : PageWalkTests(fixture, output), IClassFixture<PostgresBrowserFixture>;
