package strata

import _ "embed"

// SnapshotSchema is the JSON Schema (draft 2020-12) of an exported
// snapshot: the contract with users' scripts.
//
//go:embed schema/snapshot.schema.json
var SnapshotSchema []byte
