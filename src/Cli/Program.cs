using CaseManager.Cli.Commands;

// casemgr: the CaseManager analysers, offline. Exit codes: 0 success (also with warnings),
// 1 usage error, 2 the file cannot be read as any supported format.
return args switch
{
    ["analyze", ..] => await AnalyzeCommand.RunAsync(args[1..], Console.Out, Console.Error),
    ["strings", ..] => await StringsCommand.RunAsync(args[1..], Console.Out, Console.Error),
    ["yara", ..] => await YaraCommand.RunAsync(args[1..], Console.Out, Console.Error),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: casemgr analyze <file> [--json] [--quiet]");
    Console.Error.WriteLine("       casemgr strings <file> [-n 8] [--encoding ascii|utf16le|both]");
    return 1;
}
