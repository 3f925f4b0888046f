// go-mssqldb connects as an ordinary program does (sql.Open, then Ping) and log.Fatal prints the error.
// Usage: connect sqlserver://USER:PASSWORD@HOST:PORT?... (or HOST/INSTANCE)
package main

import (
	"database/sql"
	"log"
	"os"

	_ "github.com/denisenkom/go-mssqldb"
)

func main() {
	db, err := sql.Open("sqlserver", os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	if err := db.Ping(); err != nil {
		log.Fatal(err)
	}
}
