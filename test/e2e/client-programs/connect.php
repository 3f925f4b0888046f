<?php
// PDO_DBLIB (FreeTDS's DB-Library under PHP) connects as an ordinary script does, and the PDOException goes uncaught.
// Usage: php connect.php SERVER (host:port or host\INSTANCE) LOGIN_TIMEOUT_SECONDS
$pdo = new PDO("dblib:host={$argv[1]};dbname=master", 'sa', 'not-a-secret', [PDO::ATTR_TIMEOUT => (int) $argv[2]]);
