<#
.SYNOPSIS
    CaseManager host triage collector for Windows (read-only on the host).
.DESCRIPTION
    Writes triage-<host>-<UTC time>.zip into -OutputDirectory (default: the current directory) and prints its path.
    Layout and columns: docs/triage-bundle.md (the same manifest as the Linux collector; os = "windows").
    Run from an elevated PowerShell 5.1 or later. It only reads: processes with parent, command line, path and
    signature; TCP/UDP endpoints with the owning pid; services; Run/RunOnce keys; scheduled tasks; WMI event
    subscriptions; startup folders; local users and administrators; event-log extracts 4624/4625/4688/7045/4698.
    -Upload URL -Token T also sends the bundle to the case (the case's upload address and collector token, both on
    the case's collect page) and checks the SHA-256 the server recorded against the bundle's.
.EXAMPLE
    powershell -ExecutionPolicy Bypass -File casemgr-collect.ps1 -OutputDirectory D:\evidence
.EXAMPLE
    powershell -ExecutionPolicy Bypass -File casemgr-collect.ps1 -Upload https://casemanager.example/api/collector/cases/CASE-ID/ -Token cmk_...
#>
[CmdletBinding()]
param(
    [string]$OutputDirectory = '.',
    [int]$EventDays = 14,
    [int]$MaxEvents = 5000,
    [string]$Upload = '',
    [string]$Token = $env:CASEMGR_TOKEN
)

if ($Upload) {
    if (-not $Token) { Write-Error 'casemgr-collect: -Upload needs -Token (the collector token of the case)'; exit 2 }
    if ($Upload -notmatch '^(https://|http://(localhost|127\.0\.0\.1|\[::1\])[:/])') {
        Write-Error 'casemgr-collect: -Upload needs an https:// address (plain http only to localhost)'; exit 2
    }
}

Set-StrictMode -Version 2
$ErrorActionPreference = 'Continue'
$Version = '1.0'
$Host_ = $env:COMPUTERNAME
$Now = [DateTime]::UtcNow
$Stamp = $Now.ToString('yyyyMMddTHHmmssZ')
$Stage = Join-Path ([IO.Path]::GetTempPath()) ("casemgr-collect-" + [Guid]::NewGuid().ToString('N').Substring(0, 8))
New-Item -ItemType Directory -Path $Stage | Out-Null
$Commands = New-Object System.Collections.ArrayList
$Utf8 = New-Object System.Text.UTF8Encoding($false)

function Clean([object]$Value) {
    if ($null -eq $Value) { return '' }
    return ([string]$Value) -replace "[`t`r`n]", ' '
}

function Iso([object]$Time) {
    if ($null -eq $Time) { return '' }
    return ([DateTime]$Time).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ')
}

# Writes a tab-separated file with a header line (UTF-8 without BOM, LF line ends).
function Write-Tsv([string]$Name, [string[]]$Header, [System.Collections.IEnumerable]$Rows) {
    $sb = New-Object System.Text.StringBuilder
    [void]$sb.Append(($Header -join "`t")).Append("`n")
    foreach ($row in $Rows) { [void]$sb.Append((($row | ForEach-Object { Clean $_ }) -join "`t")).Append("`n") }
    [IO.File]::WriteAllText((Join-Path $Stage $Name), $sb.ToString(), $Utf8)
}

# Runs a step, recording it and its success (0) or failure (1) in the manifest.
function Step([string]$Description, [scriptblock]$Block) {
    $code = 0
    try { & $Block } catch { $code = 1; Write-Warning "$Description : $_" }
    [void]$Commands.Add([ordered]@{ command = $Description; exitCode = $code })
}

$SignatureCache = @{}
function Signature([string]$Path) {
    if ([string]::IsNullOrEmpty($Path) -or -not (Test-Path -LiteralPath $Path -PathType Leaf)) { return '' }
    if (-not $SignatureCache.ContainsKey($Path)) {
        try { $SignatureCache[$Path] = [string](Get-AuthenticodeSignature -LiteralPath $Path).Status } catch { $SignatureCache[$Path] = 'UnknownError' }
    }
    return $SignatureCache[$Path]
}

# The executable a command line starts: a quoted path, or the text up to ".exe".
function Target([string]$Command) {
    if ([string]::IsNullOrEmpty($Command)) { return '' }
    $expanded = [Environment]::ExpandEnvironmentVariables($Command)
    if ($expanded -match '^\s*"([^"]+)"') { return $Matches[1] }
    if ($expanded -match '^\s*(.+?\.(exe|dll|bat|cmd|ps1|vbs|js|scr|com))\b') { return $Matches[1] }
    return ($expanded -split '\s+')[0]
}

Step 'Get-CimInstance Win32_Process' {
    $rows = foreach ($p in Get-CimInstance Win32_Process) {
        $owner = ''
        try { $o = Invoke-CimMethod -InputObject $p -MethodName GetOwner -ErrorAction Stop; if ($o.User) { $owner = "$($o.Domain)\$($o.User)" } } catch { }
        $cpu = [double]($p.KernelModeTime + $p.UserModeTime) / 1e7
        $start = if ($p.CreationDate) { [int64](([DateTime]$p.CreationDate).ToUniversalTime() - [DateTime]'1970-01-01').TotalSeconds } else { '' }
        , @($p.ProcessId, $p.ParentProcessId, $owner, $start, $cpu.ToString('0.00', [Globalization.CultureInfo]::InvariantCulture),
            $p.Name, $p.ExecutablePath, '', $p.CommandLine, (Signature $p.ExecutablePath))
    }
    Write-Tsv 'processes.tsv' @('pid', 'ppid', 'uid', 'start_time', 'cpu_seconds', 'name', 'exe', 'cwd', 'cmdline', 'signature') $rows
}

Step 'Get-NetTCPConnection; Get-NetUDPEndpoint' {
    $fmt = { param($a, $p) if ($a -like '*:*') { "[$a]:$p" } else { "$($a):$p" } }
    $rows = @()
    $rows += foreach ($c in Get-NetTCPConnection -ErrorAction SilentlyContinue) {
        , @('tcp', (& $fmt $c.LocalAddress $c.LocalPort), (& $fmt $c.RemoteAddress $c.RemotePort), ([string]$c.State).ToUpperInvariant(), $c.OwningProcess)
    }
    $rows += foreach ($u in Get-NetUDPEndpoint -ErrorAction SilentlyContinue) {
        , @('udp', (& $fmt $u.LocalAddress $u.LocalPort), '*:*', 'UNCONN', $u.OwningProcess)
    }
    $rows = $rows | ForEach-Object { , @($_[0], $_[1], $_[2], ($_[3] -replace 'ESTABLISHED', 'ESTABLISHED' -replace '^LISTEN$', 'LISTEN'), $_[4]) }
    Write-Tsv 'sockets.tsv' @('protocol', 'local', 'remote', 'state', 'pid') $rows
}

$Persistence = New-Object System.Collections.ArrayList
Step 'Run/RunOnce registry keys' {
    $keys = 'HKLM:\Software\Microsoft\Windows\CurrentVersion\Run', 'HKLM:\Software\Microsoft\Windows\CurrentVersion\RunOnce',
            'HKLM:\Software\WOW6432Node\Microsoft\Windows\CurrentVersion\Run', 'HKLM:\Software\WOW6432Node\Microsoft\Windows\CurrentVersion\RunOnce',
            'HKCU:\Software\Microsoft\Windows\CurrentVersion\Run', 'HKCU:\Software\Microsoft\Windows\CurrentVersion\RunOnce'
    foreach ($key in $keys) {
        $item = Get-ItemProperty -Path $key -ErrorAction SilentlyContinue
        if (-not $item) { continue }
        foreach ($prop in $item.PSObject.Properties | Where-Object { $_.Name -notlike 'PS*' }) {
            $location = ($key -replace '^HKLM:', 'HKLM' -replace '^HKCU:', 'HKCU') + '\' + $prop.Name
            [void]$Persistence.Add(@('run-key', $location, $prop.Value, (Signature (Target $prop.Value))))
        }
    }
}
Step 'Get-CimInstance Win32_Service' {
    foreach ($s in Get-CimInstance Win32_Service) {
        [void]$Persistence.Add(@('service', "$($s.Name) ($($s.StartMode))", $s.PathName, (Signature (Target $s.PathName))))
    }
}
Step 'Get-ScheduledTask' {
    foreach ($t in Get-ScheduledTask -ErrorAction SilentlyContinue) {
        foreach ($a in @($t.Actions) | Where-Object { $_.Execute }) {
            $command = ("$($a.Execute) $($a.Arguments)").Trim()
            [void]$Persistence.Add(@('task', "$($t.TaskPath)$($t.TaskName)", $command, (Signature (Target $a.Execute))))
        }
    }
}
Step 'WMI event subscriptions (root\subscription)' {
    foreach ($c in Get-CimInstance -Namespace root\subscription -ClassName CommandLineEventConsumer -ErrorAction SilentlyContinue) {
        [void]$Persistence.Add(@('wmi', "CommandLineEventConsumer $($c.Name)", (@($c.ExecutablePath, $c.CommandLineTemplate) -join ' ').Trim(), ''))
    }
    foreach ($c in Get-CimInstance -Namespace root\subscription -ClassName ActiveScriptEventConsumer -ErrorAction SilentlyContinue) {
        [void]$Persistence.Add(@('wmi', "ActiveScriptEventConsumer $($c.Name)", ($c.ScriptText -replace '\s+', ' '), ''))
    }
}
Step 'Startup folders' {
    $folders = @([Environment]::GetFolderPath('CommonStartup')) + (Get-ChildItem 'C:\Users' -Directory -ErrorAction SilentlyContinue |
        ForEach-Object { Join-Path $_.FullName 'AppData\Roaming\Microsoft\Windows\Start Menu\Programs\Startup' })
    foreach ($folder in $folders | Where-Object { $_ -and (Test-Path -LiteralPath $_) }) {
        foreach ($f in Get-ChildItem -LiteralPath $folder -File -Force -ErrorAction SilentlyContinue) {
            $target = $f.FullName
            if ($f.Extension -eq '.lnk') {
                try { $target = (New-Object -ComObject WScript.Shell).CreateShortcut($f.FullName).TargetPath } catch { }
            }
            [void]$Persistence.Add(@('startup-folder', $f.FullName, $target, (Signature $target)))
        }
    }
}
Write-Tsv 'persistence.tsv' @('kind', 'location', 'command', 'signature') $Persistence

Step 'Get-LocalUser; Get-LocalGroupMember Administrators' {
    $admins = @()
    try { $admins = @(Get-LocalGroupMember -SID 'S-1-5-32-544' -ErrorAction Stop | ForEach-Object { $_.SID.Value }) } catch { }
    $rows = foreach ($u in Get-LocalUser) {
        $notes = @()
        if ($admins -contains $u.SID.Value) { $notes += 'administrators' }
        if (-not $u.Enabled) { $notes += 'disabled' }
        if ($u.PasswordLastSet -and $u.PasswordLastSet -gt $Now.AddDays(-7)) { $notes += 'password set in the last 7 days' }
        , @($u.Name, $u.SID.Value, '', '', ($notes -join '; '))
    }
    Write-Tsv 'accounts.tsv' @('name', 'uid', 'shell', 'home', 'note') $rows
}

Step "Get-WinEvent Security 4624/4625/4688/4698, System 7045 (last $EventDays days)" {
    $since = (Get-Date).AddDays(-$EventDays)
    $events = @()
    $events += Get-WinEvent -FilterHashtable @{ LogName = 'Security'; Id = 4624, 4625, 4688, 4698; StartTime = $since } -MaxEvents $MaxEvents -ErrorAction SilentlyContinue
    $events += Get-WinEvent -FilterHashtable @{ LogName = 'System'; Id = 7045; StartTime = $since } -MaxEvents $MaxEvents -ErrorAction SilentlyContinue
    $rows = foreach ($e in $events | Where-Object { $_ }) {
        $x = [xml]$e.ToXml()
        $d = @{}
        foreach ($n in $x.Event.EventData.Data) { $d[$n.Name] = $n.'#text' }
        $user = if ($d['TargetUserName']) { $d['TargetUserName'] } elseif ($d['SubjectUserName']) { $d['SubjectUserName'] } else { '' }
        $detail = switch ($e.Id) {
            4688 { $d['CommandLine'] } 4698 { $d['TaskName'] } 7045 { "$($d['ServiceName']) $($d['ImagePath'])" } default { $d['WorkstationName'] }
        }
        , @((Iso $e.TimeCreated), $e.Id, $user, $d['IpAddress'], $d['LogonType'], $detail)
    }
    Write-Tsv 'events.tsv' @('time', 'id', 'user', 'source', 'logon_type', 'detail') $rows
}

Step 'hosts file' {
    $hosts = Join-Path $env:SystemRoot 'System32\drivers\etc\hosts'
    $dst = Join-Path $Stage 'files\etc\hosts'
    New-Item -ItemType Directory -Path (Split-Path $dst) -Force | Out-Null
    [IO.File]::WriteAllText($dst, ([IO.File]::ReadAllText($hosts) -replace "`r", ''), $Utf8)
}
Step 'netsh advfirewall show allprofiles' {
    New-Item -ItemType Directory -Path (Join-Path $Stage 'commands') -Force | Out-Null
    [IO.File]::WriteAllText((Join-Path $Stage 'commands\firewall.txt'), ((netsh advfirewall show allprofiles) -join "`n"), $Utf8)
}

# Manifest first in the zip, with the SHA-256 of every member.
$files = [ordered]@{}
foreach ($f in Get-ChildItem -LiteralPath $Stage -Recurse -File) {
    $name = $f.FullName.Substring($Stage.Length + 1) -replace '\\', '/'
    $files[$name] = (Get-FileHash -LiteralPath $f.FullName -Algorithm SHA256).Hash.ToLowerInvariant()
}
$manifest = [ordered]@{
    format = 'casemgr-triage/1'; os = 'windows'; host = $Host_; collectedAt = (Iso $Now); collector = 'casemgr-collect.ps1'; version = $Version
    root = $env:SystemDrive; live = $true; commands = $Commands; files = $files
}
[IO.File]::WriteAllText((Join-Path $Stage 'manifest.json'), ($manifest | ConvertTo-Json -Depth 5), $Utf8)

Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
$out = Join-Path (Resolve-Path $OutputDirectory).Path "triage-$Host_-$Stamp.zip"
$zip = [IO.Compression.ZipFile]::Open($out, 'Create')
try {
    [void][IO.Compression.ZipFileExtensions]::CreateEntryFromFile($zip, (Join-Path $Stage 'manifest.json'), 'manifest.json')
    foreach ($name in $files.Keys) {
        [void][IO.Compression.ZipFileExtensions]::CreateEntryFromFile($zip, (Join-Path $Stage ($name -replace '/', '\')), $name)
    }
} finally { $zip.Dispose() }
Remove-Item -LiteralPath $Stage -Recurse -Force
Write-Output $out

# Upload to the case (POST URL/bundles, URL = .../api/collector/cases/<case>/); the server answers with the SHA-256 it recorded.
if ($Upload) {
    [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12
    $local = (Get-FileHash -LiteralPath $out -Algorithm SHA256).Hash.ToLowerInvariant()
    $uri = $Upload.TrimEnd('/') + '/bundles?name=' + [Uri]::EscapeDataString([IO.Path]::GetFileName($out))
    try {
        $reply = Invoke-RestMethod -Method Post -Uri $uri -InFile $out -ContentType 'application/octet-stream' -UseBasicParsing `
            -Headers @{ Authorization = "Bearer $Token"; 'X-Collector-Host' = $Host_ }
    } catch {
        Write-Error "casemgr-collect: upload refused ($($_.Exception.Message)); the bundle stays at $out"
        exit 3
    }
    if ([string]$reply.sha256 -ne $local) {
        Write-Error "casemgr-collect: the server recorded SHA-256 $($reply.sha256), the bundle has $local; upload it again"
        exit 4
    }
    Write-Host "casemgr-collect: uploaded to the case, SHA-256 $local verified"
}
