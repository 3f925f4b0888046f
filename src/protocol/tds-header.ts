// The TDS packet header ([MS-TDS] 2.2.3.1), as both the capture parser and the PRELOGIN codec read it.

/** [MS-TDS] 2.2.3.1: the header is always 8 bytes. */
export const TDS_HEADER_LENGTH = 8;

/**
 * [MS-TDS] 2.2.3.1.2 Status: the bits the spec defines are 0x01 EOM, 0x02 IGNORE, 0x08 RESETCONNECTION and
 * 0x10 RESETCONNECTIONSKIPTRAN. A header with any other bit set (0x04 included) is not TDS.
 */
export const TDS_DEFINED_STATUS_BITS = 0x01 | 0x02 | 0x08 | 0x10;

/** True when the status byte sets only bits the spec defines. */
export const hasDefinedStatus = (status: number) => (status & ~TDS_DEFINED_STATUS_BITS & 0xff) === 0;
