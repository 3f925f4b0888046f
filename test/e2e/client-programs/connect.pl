# DBD::Sybase (FreeTDS's CT-Library under Perl DBI) connects as an ordinary script does and dies on the failure.
# Usage: perl connect.pl SERVER (host:port or host\INSTANCE) LOGIN_TIMEOUT_SECONDS
use strict;
use warnings;
use DBI;

my ($server, $login_timeout) = @ARGV;
DBI->connect("dbi:Sybase:server=$server;database=master;loginTimeout=$login_timeout", 'sa', 'not-a-secret', { RaiseError => 1, PrintError => 0 });
