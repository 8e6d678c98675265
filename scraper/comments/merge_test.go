package comments_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/strata-archive/strata"
	"github.com/strata-archive/strata/scraper/comments"
)

func TestMerge(t *testing.T) {
	at := time.Date(2024, 5, 10, 9, 0, 0, 0, time.UTC)
	c := func(id, parent, text string) strata.Comment {
		return strata.Comment{ID: id, ParentID: parent, Text: text, Type: strata.CommentTypeComment}
	}
	withScore := func(cm strata.Comment, s int) strata.Comment { cm.Score = &s; return cm }
	withTime := func(cm strata.Comment) strata.Comment { cm.PostedAt = &at; cm.Label = "Guest"; return cm }

	type row struct {
		id, parent string
		depth      int
	}
	tests := []struct {
		name string
		a, b []strata.Comment
		want []row
	}{
		{
			name: "overlapping batches",
			a:    []strata.Comment{c("10", "", "a10"), c("11", "10", "a11"), c("9", "", "a9")},
			b:    []strata.Comment{c("9", "", "b9"), c("12", "11", "b12"), c("8", "", "b8"), c("13", "10", "b13")},
			want: []row{{"10", "", 0}, {"11", "10", 1}, {"12", "11", 2}, {"13", "10", 1}, {"9", "", 0}, {"8", "", 0}},
		},
		{
			name: "reply listed before its parent",
			a:    []strata.Comment{c("2", "1", ""), c("3", "2", "")},
			b:    []strata.Comment{c("1", "", "")},
			want: []row{{"1", "", 0}, {"2", "1", 1}, {"3", "2", 2}},
		},
		{
			name: "orphan keeps its parent and gets depth 1",
			a:    []strata.Comment{c("5", "", ""), c("7", "99", ""), c("8", "7", "")},
			want: []row{{"5", "", 0}, {"7", "99", 1}, {"8", "7", 2}},
		},
		{
			name: "cycle is cut at its first comment",
			a:    []strata.Comment{c("1", "2", ""), c("2", "1", ""), c("3", "3", "")},
			want: []row{{"1", "", 0}, {"2", "1", 1}, {"3", "", 0}},
		},
		{
			name: "later parent fills a blank parent",
			a:    []strata.Comment{c("1", "", ""), c("2", "", "")},
			b:    []strata.Comment{c("2", "1", "")},
			want: []row{{"1", "", 0}, {"2", "1", 1}},
		},
		{name: "nothing", want: []row{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := comments.Merge(tt.a, tt.b)
			rows := make([]row, len(got))
			for i, cm := range got {
				rows[i] = row{cm.ID, cm.ParentID, cm.Depth}
			}
			if !reflect.DeepEqual(rows, tt.want) {
				t.Errorf("Merge = %v, want %v", rows, tt.want)
			}
			checkThread(t, got)
		})
	}

	t.Run("first source wins, later fills blanks", func(t *testing.T) {
		a := []strata.Comment{c("1", "", "from page"), c("2", "1", "")}
		b := []strata.Comment{withTime(withScore(c("1", "", "from batch"), 4)), withScore(c("2", "1", "batch text"), -1)}
		got := comments.Merge(a, b)
		if got[0].Text != "from page" || got[0].Score == nil || *got[0].Score != 4 || got[0].PostedAt == nil || got[0].Label != "Guest" {
			t.Errorf("comment 1 = %+v, want page text with the batch's score, time and label", got[0])
		}
		if got[1].Text != "batch text" || got[1].Score == nil || *got[1].Score != -1 {
			t.Errorf("comment 2 = %+v, want the batch's text and score", got[1])
		}
		if a[0].Score != nil || a[1].Text != "" {
			t.Error("Merge changed its input")
		}
		*got[0].Score = 99
		if *b[0].Score != 4 {
			t.Error("Merge result shares a score with its input")
		}
	})
}
