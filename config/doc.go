// Package config turns a strata TOML file into typed settings.
//
// It holds the file format (every key, its default and its meaning), the
// default locations of the config file and the archive, and the validation
// that rejects unknown keys and bad values with the key and line at fault.
// It does not fetch, extract or store anything.
package config
