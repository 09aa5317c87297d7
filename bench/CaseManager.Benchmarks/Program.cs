using BenchmarkDotNet.Running;
using CaseManager.Benchmarks;

if (args.Length > 0 && args[0] == "write-run")
{
    return await WriteRunCommand.RunAsync(args);
}

if (args.Length > 0 && args[0] == "seed-cases")
{
    return await SeedCasesCommand.RunAsync(args);
}

if (args.Length > 0 && args[0] == "table-cost")
{
    return await TableCostCommand.RunAsync(args);
}

if (args.Length > 0 && args[0] == "store-compare")
{
    return await StoreCompareCommand.RunAsync(args);
}

if (args.Length > 0 && args[0] == "report-run")
{
    return ReportRunCommand.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
