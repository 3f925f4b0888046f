// The .NET Framework System.Data harvester's reading of ResGen text (test/fixtures/messages/netfx/SOURCES.md).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { isConnectionKey } from '../../../scripts/messages/harvest/mds.js';
import { parseResourceText } from '../../../scripts/messages/harvest/netfx.js';

const text = readFileSync(new URL('../../fixtures/messages/netfx/system.data.txt.excerpt', import.meta.url), 'utf8');

describe('parseResourceText', () => {
  const table = parseResourceText(text);

  it('reads KEY=value lines and skips the comment header', () => {
    expect(table.get('SNI_ERROR_40')).toBe('Could not open a connection to SQL Server');
    expect([...table.keys()].some((key) => key.startsWith(';'))).toBe(false);
    expect(table.size).toBe(13);
  });

  it("decodes ResGen's escapes", () => {
    expect(table.get('SNI_ERROR_51')).toContain('(localdb)\\instance_name.');
    expect(table.get('SQL_AsyncConnectionRequired')).toContain('Set "Asynchronous Processing=true" in');
    expect(table.get('ADP_InvalidValue')).toBe('The value contains embedded nulls (\\u0000).');
    expect(table.get('OleDb_PropertyBadValue')).toContain(' reasons:\r\n\tThe value data type');
  });

  it('keeps trailing spaces and empty values as published, and filters keys', () => {
    expect(table.get('SQL_Timeout_RoutingDestinationInfo')?.endsWith('complete={4};  ')).toBe(true);
    expect(table.get('SNI_PN9')).toBe('');
    expect([...parseResourceText(text, isConnectionKey).keys()]).not.toContain('OleDb_PropertyBadValue');
  });
});
