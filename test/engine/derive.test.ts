// Correlating evidence with the target: the alias picked, the port dialled, the port's owner, the capture.
import { describe, expect, it } from '@jest/globals';
import { deriveFacts } from '../../src/engine/derive.js';

describe('deriveFacts', () => {
  it('picks the alias named like the server (with its instance) and dials its port', () => {
    const facts = deriveFacts({
      'target.host': 'DB01',
      'target.instance': 'SQLEXPRESS',
      'alias.entries': [
        { name: 'db01', protocol: 'tcp', host: 'db01', port: 1500 },
        { name: 'DB01\\SQLEXPRESS', protocol: 'tcp', host: 'db01.corp', port: 1234 },
      ],
    });
    expect(facts).toMatchObject({ 'alias.matchesServer': true, 'alias.port': 1234, 'alias.host': 'db01.corp', 'target.portTried': 1234 });
  });

  it('says no alias matches when the registry holds others', () => {
    const facts = deriveFacts({ 'target.host': 'db02', 'alias.entries': [{ name: 'DB01', protocol: 'np', pipe: '\\\\db01\\pipe\\sql\\query' }] });
    expect(facts['alias.matchesServer']).toBe(false);
    expect(facts['target.portTried']).toBe(1433);
  });

  it('names the port owner from netstat, a process list, or the ERRORLOG process ID', () => {
    const listeners = [
      { address: '0.0.0.0', port: 1234, pid: 4242 },
      { address: '0.0.0.0', port: 1433, pid: 1864, process: 'sqlservr.exe' },
    ];
    expect(deriveFacts({ 'target.port': 1234, 'netstat.listeners': listeners })).toMatchObject({
      'netstat.portListening': true,
      'netstat.portOwner': 'PID 4242',
      'netstat.listeningPorts': [1234, 1433],
    });
    expect(deriveFacts({ 'target.port': 1234, 'netstat.listeners': listeners })['netstat.portOwnerIsSqlServer']).toBeUndefined();
    expect(deriveFacts({ 'target.port': 1234, 'netstat.listeners': listeners, processes: [{ pid: 4242, name: 'httpd.exe' }] })).toMatchObject({
      'netstat.portOwner': 'httpd.exe',
      'netstat.portOwnerIsSqlServer': false,
    });
    expect(deriveFacts({ 'target.port': 1234, 'netstat.listeners': listeners, 'errorlog.processId': 4242 })['netstat.portOwnerIsSqlServer']).toBe(true);
    expect(deriveFacts({ 'target.port': 1435, 'netstat.listeners': listeners })).toMatchObject({ 'netstat.portListening': false });
  });

  it('reads the capture for the port tried, and notices when it was never dialled', () => {
    const conversations = [
      { client: '10.0.0.78', server: '10.0.0.187', serverPort: 1234, answer: 'rst' as const },
      { client: '10.0.0.78', server: '10.0.0.187', serverPort: 1234, answer: 'rst' as const },
    ];
    expect(deriveFacts({ 'target.port': 1234, 'capture.conversations': conversations })).toMatchObject({
      'capture.portTriedSeen': true,
      'capture.synAnsweredByRst': true,
      'capture.synAnsweredBySynAck': false,
      'capture.synUnanswered': false,
    });
    const elsewhere = deriveFacts({ 'target.port': 1433, 'capture.conversations': conversations });
    expect(elsewhere['capture.portTriedSeen']).toBe(false);
    expect(elsewhere['capture.synAnsweredByRst']).toBeUndefined();
  });

  it('recognises Azure SQL hosts and takes the login state from the latest ERRORLOG failure', () => {
    expect(deriveFacts({ 'target.host': 'myserver.database.windows.net' })['target.isAzure']).toBe(true);
    expect(deriveFacts({ 'target.host': 'db01.corp' })['target.isAzure']).toBe(false);
    const failures = [{ state: 8 }, { state: 5, reason: 'Could not find a login matching the name provided.' }];
    expect(deriveFacts({ 'errorlog.loginFailures': failures })['error.loginState']).toBe(5);
    expect(deriveFacts({ 'errorlog.loginFailures': failures, 'error.loginState': 8 })['error.loginState']).toBe(8);
  });

  it('keeps facts the caller gave over derived ones', () => {
    expect(deriveFacts({ 'target.port': 1234, 'target.portTried': 1500 })['target.portTried']).toBe(1500);
  });
});
