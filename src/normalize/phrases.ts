// Key phrases that say what happened to a connection when no error number survived the paste.
// Translations are the Windows/.NET wordings of the same socket errors; numbers stay the better signal.
import type { SocketOutcome } from '../schemas/vocabulary.js';

const PHRASES: ReadonlyArray<readonly [RegExp, SocketOutcome]> = [
  [/actively refused|connection refused|connection was refused|refused the network connection/i, 'refused'],
  [/Zielcomputer die Verbindung verweigerte/i, 'refused'],
  [/ordinateur cible l.a express[ée]ment refus[ée]e/i, 'refused'],
  [/equipo de destino deneg[óo] expresamente/i, 'refused'],
  [/m[áa]quina de destino as recusou ativamente/i, 'refused'],
  [/目标计算机积极拒绝/, 'refused'],
  [/対象のコンピューターによって拒否された/, 'refused'],
  [/конечный компьютер отверг запрос на подключение/i, 'refused'],
  [/no such host is known|name or service not known|nodename nor servname|temporary failure in name resolution|temporary error during hostname resolution|getaddrinfo (?:failed|ENOTFOUND)|could not resolve host|host not found/i, 'dns'],
  // WSAHOST_NOT_FOUND (11001) as localised Windows prints it.
  [/Der angegebene Host ist unbekannt|No se conoce ese host|Este host não é conhecido|不知道这样的主机|そのようなホストは不明です|Этот хост неизвестен/i, 'dns'],
  // WSAETIMEDOUT (10060) as localised Windows prints it.
  [/Gegenstelle nach einer bestimmten Zeitspanne nicht richtig reagiert|n.a pas répondu convenablement au-delà d.une certaine durée|no respondió adecuadamente tras un periodo de tiempo|não respondeu corretamente após um período de tempo|连接方在一段时间后没有正确答复|一定の時間を過ぎても正しく応答しなかった|за требуемое время не получен нужный отклик/i, 'timeout'],
  [/did not properly respond after a period of time|connection timed out|semaphore timeout period has expired|operation timed out|i\/o timeout|operation now in progress/i, 'timeout'],
  [/no route to host|unreachable (?:host|network)|network is unreachable/i, 'unreachable'],
  // Node's "socket hang up": the peer closed the connection before answering.
  [/forcibly closed by the remote host|connection reset by peer|socket hang up/i, 'reset'],
  // Go's io.ErrUnexpectedEOF and io.EOF as go-mssqldb prints them ("login error: unexpected EOF", "…: EOF"): the
  // server closed the connection before its answer was whole.
  [/\bunexpected EOF\b|: EOF\b/i, 'closed'],
  [/no process is on the other end of the pipe/i, 'pipe_closed'],
  [/all pipe instances are busy/i, 'pipe_busy'],
  // A connect() the local security policy refused (EACCES): Go's net.OpError, the JDK's SocketException on Linux
  // ("(connect failed)") and Windows ("Permission denied: connect"), Python's socket.error.
  [/connect: permission denied|permission denied \(connect failed\)|permission denied: (?:connect|no further information)|\[Errno 13\] Permission denied/i, 'access_denied'],
  [/the network path was not found|the system cannot find the file specified/i, 'pipe_not_found'],
];

/** The first outcome whose phrase occurs in the text. */
export function outcomeFromPhrase(text: string): SocketOutcome | undefined {
  for (const [pattern, outcome] of PHRASES) if (pattern.test(text)) return outcome;
  return undefined;
}
