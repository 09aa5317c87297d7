/*
  CaseManager starter rules
  =========================
  Source:  written for CaseManager by its engineers (2026-12); no rule text was copied from any other rule set.
           The indicators are public knowledge: XMRig's own command-line options and config keys (github.com/xmrig/xmrig,
           GPL-3.0 program; only its option names are used here), the IRC protocol (RFC 1459/2812), and strings named in
           public write-ups of Tsunami/Kaiten, Mirai/Gafgyt, Kinsing and Linux ransomware notes.
  Licence: CC0-1.0 (public domain dedication) - copy, change and share these rules freely.
  Meta:    severity (info|low|medium|high|critical) sets the finding's severity; mitre_attack its ATT&CK technique.
*/

rule CaseManager_Miner_XMRig : miner xmrig
{
    meta:
        description = "XMRig command line, config or banner"
        severity = "high"
        mitre_attack = "T1496"
        author = "CaseManager"
        licence = "CC0-1.0"
    strings:
        $name = "xmrig" nocase ascii wide
        $opt1 = "--donate-level" ascii wide
        $opt2 = "--randomx-1gb-pages" ascii
        $opt3 = "--cpu-max-threads-hint" ascii
        $cfg1 = "\"donate-level\"" ascii
        $cfg2 = "\"randomx\"" ascii
        $pool = /stratum\+(tcp|ssl|tls):\/\/[a-z0-9.\-]{3,80}:[0-9]{2,5}/ nocase ascii
    condition:
        ($name and ($pool or any of ($opt*) or any of ($cfg*))) or (2 of ($opt*, $cfg*) and $pool)
}

rule CaseManager_Miner_Stratum_Config : miner
{
    meta:
        description = "Mining pool URL with a Monero-style wallet or a miner's pool configuration"
        severity = "high"
        mitre_attack = "T1496"
        author = "CaseManager"
        licence = "CC0-1.0"
    strings:
        $pool = /stratum\+(tcp|ssl|tls):\/\/[a-z0-9.\-]{3,80}:[0-9]{2,5}/ nocase ascii wide
        $xmr = /\b4[0-9AB][1-9A-HJ-NP-Za-km-z]{93}\b/ ascii
        $k1 = "\"pools\"" ascii
        $k2 = "\"coin\"" ascii
        $k3 = "\"algo\"" ascii
        $k4 = "\"nicehash\"" ascii
    condition:
        $pool and ($xmr or 2 of ($k*))
}

rule CaseManager_IrcBot_Commands : ircbot backdoor
{
    meta:
        description = "IRC bot: IRC registration and channel commands next to flood or shell commands"
        severity = "high"
        mitre_attack = "T1071.003"
        author = "CaseManager"
        licence = "CC0-1.0"
    strings:
        $irc1 = "NICK " ascii
        $irc2 = "USER " ascii
        $irc3 = "JOIN #" ascii
        $irc4 = "PRIVMSG " ascii
        $cmd1 = "udpflood" nocase ascii
        $cmd2 = "synflood" nocase ascii
        $cmd3 = "tcpflood" nocase ascii
        $cmd4 = "!download" nocase ascii
        $cmd5 = "KILLALL" ascii
        $cmd6 = "GETSPOOFS" ascii
        $cmd7 = "!shell" nocase ascii
    condition:
        3 of ($irc*) and 2 of ($cmd*)
}

rule CaseManager_Tsunami_Kaiten : ircbot tsunami
{
    meta:
        description = "Tsunami/Kaiten IRC bot command help texts"
        severity = "critical"
        mitre_attack = "T1071.003"
        author = "CaseManager"
        licence = "CC0-1.0"
    strings:
        $a = "NOTICE %s :TSUNAMI" ascii
        $b = "NOTICE %s :PAN <target>" ascii
        $c = "NOTICE %s :UDP <target>" ascii
        $d = "NOTICE %s :UNKNOWNSERVER" ascii
        $e = "NOTICE %s :Kaiten" nocase ascii
    condition:
        2 of them
}

rule CaseManager_Mirai_Gafgyt : botnet mirai
{
    meta:
        description = "Mirai/Gafgyt-family busybox probes and scanner strings"
        severity = "critical"
        mitre_attack = "T1498"
        author = "CaseManager"
        licence = "CC0-1.0"
    strings:
        $a = "/bin/busybox MIRAI" ascii
        $b = "/bin/busybox ECCHI" ascii
        $c = "POST /cdn-cgi/" ascii
        $d = "LCOGQGPTGP" ascii
        $e = "/bin/busybox tftp -r" ascii
        $f = "enable\x00system\x00shell\x00sh\x00" ascii
    condition:
        2 of them
}

rule CaseManager_Linux_ReverseShell : backdoor linux
{
    meta:
        description = "Reverse shell one-liners (bash /dev/tcp, nc -e, python/perl socket shells)"
        severity = "high"
        mitre_attack = "T1059.004"
        author = "CaseManager"
        licence = "CC0-1.0"
    strings:
        $bash = /bash -i *>& *\/dev\/tcp\/[0-9a-z.\-]{3,64}\/[0-9]{1,5}/ ascii wide
        $sh = /\/bin\/(ba)?sh -i *[<>]& *\/dev\/tcp\// ascii
        $nc = /\bnc(at)? (-[a-z]+ )*-e \/bin\/(ba)?sh\b/ ascii
        $py = "socket.socket(socket.AF_INET,socket.SOCK_STREAM);s.connect((" ascii
        $pl = "use Socket;$i=" ascii
    condition:
        any of them
}

rule CaseManager_Linux_Persistence_Implant : backdoor linux persistence
{
    meta:
        description = "Download-and-run with persistence: cron or ld.so.preload writes, SSH key implants, immutable flags"
        severity = "high"
        mitre_attack = "T1053.003"
        author = "CaseManager"
        licence = "CC0-1.0"
    strings:
        $dl1 = /(curl|wget)[ \-a-zA-Z]{0,20} https?:\/\/[^ |'"]{4,200} *\| *(ba)?sh/ ascii
        $p1 = "/etc/ld.so.preload" ascii
        $p2 = "/var/spool/cron" ascii
        $p3 = "crontab -l" ascii
        $p4 = ".ssh/authorized_keys" ascii
        $p5 = "chattr -i" ascii
        $p6 = "chattr +i" ascii
        $p7 = "pkill -9" ascii
    condition:
        $dl1 and 2 of ($p*)
}

rule CaseManager_Kinsing : miner kinsing
{
    meta:
        description = "Kinsing / kdevtmpfsi miner dropper names"
        severity = "critical"
        mitre_attack = "T1496"
        author = "CaseManager"
        licence = "CC0-1.0"
    strings:
        $a = "kdevtmpfsi" ascii wide
        $b = "kinsing" ascii wide
        $c = "/tmp/kdevtmpfsi" ascii
        $d = "/etc/kinsing" ascii
    condition:
        2 of them
}

rule CaseManager_Ransom_Note : ransomware
{
    meta:
        description = "Ransom note wording: encrypted files, payment in cryptocurrency, a Tor contact or decryptor offer"
        severity = "critical"
        mitre_attack = "T1486"
        author = "CaseManager"
        licence = "CC0-1.0"
    strings:
        $enc1 = "files have been encrypted" nocase ascii wide
        $enc2 = "files are encrypted" nocase ascii wide
        $enc3 = "your network has been" nocase ascii wide
        $pay1 = "bitcoin" nocase ascii wide
        $pay2 = "monero" nocase ascii wide
        $pay3 = "BTC" ascii wide
        $tor1 = /[a-z2-7]{56}\.onion/ ascii wide
        $tor2 = "Tor Browser" nocase ascii wide
        $dec1 = "decrypt" nocase ascii wide
        $dec2 = "private key" nocase ascii wide
    condition:
        any of ($enc*) and (any of ($pay*) or any of ($tor*)) and any of ($dec*)
}

rule CaseManager_Kernel_Thread_Disguise : linux masquerading
{
    meta:
        description = "A user-space process's memory holds a kernel-thread name next to prctl/argv rewriting or miner strings"
        severity = "medium"
        mitre_attack = "T1036.004"
        author = "CaseManager"
        licence = "CC0-1.0"
    strings:
        $k = /\[(kworker\/[0-9a-zA-Z:+\-]{1,16}|ksoftirqd\/[0-9]{1,4}|kthreadd|migration\/[0-9]{1,4}|watchdog\/[0-9]{1,4}|kswapd[0-9]{1,3}|rcu_[a-z]{2,8}|kdevtmpfs)\]/ ascii
        $m1 = "stratum+tcp://" ascii
        $m2 = "xmrig" nocase ascii
        $m3 = "PR_SET_NAME" ascii
    condition:
        $k and any of ($m*)
}
