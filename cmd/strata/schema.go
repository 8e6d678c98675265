package main

import (
	"github.com/spf13/cobra"

	"github.com/strata-archive/strata"
)

func newSchemaCommand(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of exported snapshots",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := g.stdout.Write(strata.SnapshotSchema)
			return err
		},
	}
}
