Console.Error.WriteLine("usage: casemgr analyze <file> [--json] | casemgr strings <file> [-n 8] [--encoding ascii|utf16le|both]");
return 2;
