/**
 * Parsers for constant values, following what the engine's value parser accepts for each field type
 * (falco-language.md §6.2; engine-verified.md): integers as C `sscanf("%d")` reads them (optional blanks and sign,
 * digits, nothing after: `1.5`, `0x10` and `1e3` are refused, out-of-range numbers are accepted), booleans
 * `true`/`false` only, IPv4/IPv6 addresses (`inet_pton`), networks with a mandatory `/prefix`, ports as numbers or
 * service names, and hex strings for `bcontains`/`bstartswith`.
 */
import { typeFamily, type OperandType } from './types';

const INTEGER = /^[ \t\n\v\f\r]*[+-]?[0-9]+$/;

/** What the engine's integer parser accepts (the same for every integer width and for `double`). */
export function isEngineInteger(text: string): boolean {
  return INTEGER.test(text);
}

export function isEngineBoolean(text: string): boolean {
  return text === 'true' || text === 'false';
}

/** Dotted-quad IPv4 as `inet_pton` reads it: four decimal parts 0–255, no leading zeros. */
export function isIpv4Address(text: string): boolean {
  const parts = text.split('.');
  if (parts.length !== 4) return false;
  return parts.every((part) => /^(0|[1-9][0-9]{0,2})$/.test(part) && Number(part) <= 255);
}

/** IPv6 as `inet_pton` reads it: up to eight hex groups, one `::`, an optional trailing dotted IPv4 part. */
export function isIpv6Address(text: string): boolean {
  if (text.length === 0 || /[^0-9A-Fa-f:.]/.test(text)) return false;
  const doubleColon = text.indexOf('::');
  if (doubleColon >= 0 && text.indexOf('::', doubleColon + 1) >= 0) return false;
  const groupsOf = (part: string): string[] | undefined => {
    if (part === '') return [];
    const groups = part.split(':');
    return groups.some((group) => group === '') ? undefined : groups;
  };
  let groups: string[];
  if (doubleColon >= 0) {
    const head = groupsOf(text.slice(0, doubleColon));
    const tail = groupsOf(text.slice(doubleColon + 2));
    if (!head || !tail) return false;
    groups = [...head, ...tail];
  } else {
    const all = groupsOf(text);
    if (!all) return false;
    groups = all;
  }
  let count = 0;
  for (let index = 0; index < groups.length; index++) {
    const group = groups[index]!;
    if (group.includes('.')) {
      if (index !== groups.length - 1 || !isIpv4Address(group)) return false;
      count += 2;
    } else if (/^[0-9A-Fa-f]{1,4}$/.test(group)) count += 1;
    else return false;
  }
  return doubleColon >= 0 ? count <= 7 : count === 8;
}

/** The netmask parse: an 8-bit unsigned number read with the integer parser (so `264` wraps to 8). */
function netmaskBits(text: string): number | undefined {
  if (!isEngineInteger(text)) return undefined;
  const value = Number(text.trim());
  if (!Number.isSafeInteger(value)) return 255;
  return (((value % 0x100000000) + 0x100000000) % 0x100000000) & 0xff;
}

/** Why the engine refuses a constant: what it expected, its own key phrase, and an optional detail. */
export interface ValueProblem {
  /** "a valid IPv4 address", "a number", … */
  readonly expected: string;
  /** The engine's message key phrase (for searching its output). */
  readonly engine: string;
  /** A hint on how to fix it, or the detail that failed. */
  readonly hint?: string;
}

/** The problem with a constant compared to an operand of this type, or undefined when the engine accepts it. */
export function checkConstant(operand: OperandType, value: string, operator: string): ValueProblem | undefined {
  const family = typeFamily(operand.type);
  if (operator === 'bcontains' || operator === 'bstartswith') {
    if (family !== 'bytebuf' || /^([0-9A-Fa-f]{2})*$/.test(value)) return undefined;
    return {
      expected: 'a hex string with an even number of digits',
      engine: 'bcontains and bstartswith operator support hex strings only',
      hint: 'write the bytes in hex, e.g. `CAFEBABE`',
    };
  }
  switch (family) {
    case 'numeric':
      return operand.type === 'port' ? checkPort(value) : checkNumber(value);
    case 'bool':
      return isEngineBoolean(value) ? undefined : { expected: 'a boolean', engine: 'unrecognized boolean value', hint: 'write `true` or `false`' };
    case 'ipaddr':
      return checkIpAddress(value, operand.type);
    case 'ipnet':
      return checkIpNetwork(value, operand.type);
    default:
      return undefined;
  }
}

function checkNumber(value: string): ValueProblem | undefined {
  if (isEngineInteger(value)) return undefined;
  const hint = /^[+-]?0[xX][0-9a-fA-F]+$/.test(value)
    ? 'hex numbers are not accepted, write it in decimal'
    : /[0-9]/.test(value) && /^[+-]?[0-9.]*([eE][+-]?[0-9]*)?[0-9a-zA-Z]*$/.test(value) && /[.eE]/.test(value)
      ? 'only whole decimal numbers are accepted'
      : undefined;
  return { expected: 'a valid number', engine: 'not a valid number', ...(hint ? { hint } : {}) };
}

/**
 * Service names (and aliases) of the services database shipped by common Linux distributions: a port may be given
 * by name, and Falco looks it up in the host's database (`getservbyname`).
 */
const SERVICE_NAMES: ReadonlySet<string> = new Set(
  (
    'Clearcase acr-nema afpovertcp afs3-bos afs3-callback afs3-fileserver afs3-kaserver afs3-prserver afs3-rmtsys ' +
    'afs3-update afs3-vlserver afs3-volser amanda amandaidx amidxtape amqp amqps asf-rmcp asp auth authentication ' +
    'babel bacula-dir bacula-fd bacula-sd bbs bgp bgpd biff binkp bootpc bootps canna cfengine chargen cisco-sccp ' +
    'clc-build-daemon clearcase cmd cmip-agent cmip-man codaauth2 codasrv codasrv-se comsat csync2 cvspserver daap ' +
    'datametrics daytime db-lsp dcap dhcpv6-client dhcpv6-server dicom dict dircproxy discard distcc domain ' +
    'domain-s echo epmap epmd exec f5-globalsite f5-iquery fax fido finger font-service freeciv fsp fspd ftp ' +
    'ftp-data ftps ftps-data gdomap gds-db gds_db git gnunet gnutella-rtr gnutella-svc gopher gpsd gris groupwise ' +
    'gsidcap gsiftp gsigatekeeper hkp hprop http http-alt https hylafax iax icp icpv2 ident imap imap2 imaps ' +
    'ingreslock ipp iprop ipsec-nat-t ipx ircd ircs-u isakmp iscsi-target isisd isns iso-tsap jabber-client ' +
    'jabber-server kamanda kdc kerberos kerberos-adm kerberos-iv kerberos-master kerberos-sec kerberos4 kerberos5 ' +
    'kerberos_master kermit klogin kpasswd krb-prop krb5 krb5_prop krb_prop krcmd kshell l2f l2tp ldap ldaps ldp ' +
    'loc-srv login lotusnote lotusnotes lrrd mail mailq mdns microsoft-ds moira-db moira-update moira-ureg moira_db ' +
    'moira_update moira_ureg mon ms-sql-m ms-sql-s ms-wbt-server mtn munin mysql mysql-proxy nbd nbp netbios-dgm ' +
    'netbios-ns netbios-ssn netstat nfs nicname nntp nntps nqs nrpe nsca ntalk ntp ntske null nut old-radacct ' +
    'old-radius omniorb openvpn ospf6d ospfapi ospfd passwd-server passwd_server pawserv pop-3 pop3 pop3s poppassd ' +
    'portmapper postgres postgresql predict printer proofd ptp-event ptp-general puppet qmqp qmtp qotd quote ' +
    'radacct radius radius-acct radmin-port readnews redis remctl ripd ripngd rmiregistry rmtcfg rootd route routed ' +
    'router rpc2portmap rplay rptp rsync rtcm-sc104 rtmp rtsp sa-msg-port saft sane sane-port saned sge-execd ' +
    'sge-qmaster sge_execd sge_qmaster sgi-cad sgi-cmsd sgi-crsd sgi-gcd shell sieve silc sink sip sip-tls skkserv ' +
    'smtp smtps smux snmp snmp-trap snmptrap snntp snpp socks source spamd spooler ssh ssmtp submission submissions ' +
    'subversion sunrpc supfiledbg supfilesrv suucp svn svrloc syslog syslog-tls sysrqd systat tacacs talk tap ' +
    'tcpmux telnet telnets tfido tftp time timserver tinc tproxy tsap ttytst untp urd users uucp uucpd venus ' +
    'venus-se wais webcache webmin who whod whois wnn6 www x11 x11-0 x11-1 x11-2 x11-3 x11-4 x11-5 x11-6 x11-7 ' +
    'xdmcp xfs xinetd xmms2 xmpp-client xmpp-server xtel xtelw z3950 zabbix-agent zabbix-trapper zebra zebrasrv ' +
    'zephyr-clt zephyr-hm zephyr-srv zip zope zope-ftp zserv'
  ).split(' '),
);

function checkPort(value: string): ValueProblem | undefined {
  if (/^[0-9]*$/.test(value) || SERVICE_NAMES.has(value)) return undefined;
  return {
    expected: 'a port number or a known service name',
    engine: 'unrecognized protocol',
    hint: "write the port number (a name is accepted only when the host's services database knows it)",
  };
}

function checkIpAddress(value: string, type: string): ValueProblem | undefined {
  const v4 = type === 'ipv4addr' || (type === 'ipaddr' && value.includes('.'));
  if (v4) return isIpv4Address(value) ? undefined : { expected: 'a valid IPv4 address', engine: 'unrecognized IPv4 address' };
  return isIpv6Address(value)
    ? undefined
    : { expected: 'a valid IP address', engine: 'unrecognized IPv6 address', hint: 'write an IPv4 (`10.0.0.1`) or IPv6 (`::1`) address' };
}

function checkIpNetwork(value: string, type: string): ValueProblem | undefined {
  const v4 = type === 'ipv4net' || (type === 'ipnet' && value.includes('.'));
  const expected = 'a network in CIDR notation';
  const slash = value.indexOf('/');
  if (slash < 0) {
    const engine = v4 ? 'unrecognized IP network' : 'invalid v6 netmask';
    const bare = v4 ? isIpv4Address(value) : isIpv6Address(value);
    return bare
      ? { expected, engine, hint: `it is an address: add a prefix length, e.g. \`${value}/${v4 ? 32 : 128}\`` }
      : { expected, engine, hint: 'write e.g. `10.0.0.0/8` or `fd00::/8`' };
  }
  const address = value.slice(0, slash);
  const mask = value.slice(slash + 1);
  if (!(v4 ? isIpv4Address(address) : isIpv6Address(address))) {
    return { expected, engine: v4 ? 'unrecognized IP address' : 'unrecognized IPv6 address', hint: `'${address}' is not a valid ${v4 ? 'IPv4' : 'IPv6'} address` };
  }
  const bits = netmaskBits(mask);
  if (bits === undefined) return { expected, engine: 'not a valid number', hint: `the prefix length '${mask}' is not a number` };
  if (v4 ? bits > 32 : bits === 0 || bits > 128) {
    return { expected, engine: v4 ? 'invalid netmask' : 'invalid v6 netmask', hint: `the prefix length '${mask}' is out of range (${v4 ? '0 to 32' : '1 to 128'})` };
  }
  return undefined;
}
