package canon

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

// number is AppendNumber's text on its own.
func number(f float64) (string, error) {
	b, err := AppendNumber(nil, f)
	return string(b), err
}

func TestNumber(t *testing.T) {
	for f, want := range map[float64]string{0.1: "0.1", 1.5e21: "1.5e+21", 1e-7: "1e-7", 2.5e-8: "2.5e-8", 1e-6: "0.000001",
		math.Copysign(0, -1): "0", 1568810420: "1568810420", -3: "-3", 123456789012345680000: "123456789012345680000", 5e-324: "5e-324"} {
		if got, err := number(f); err != nil || got != want {
			t.Errorf("Number(%v) = %q, %v; want %q", f, got, err, want)
		}
	}
}

// The integer printer must write what the float formatter writes, up to
// 2^53 and past it, where the float formatter takes over again.
func TestNumberIntegersAsFloatFormatter(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	cases := []float64{1, -1, 1 << 53, 1<<53 - 1, -(1<<53 - 1), 1<<53 + 2, 1e15, 1e20, 123456789012345680000}
	for range 1000 {
		cases = append(cases, float64(rng.Int64N(1<<53)), -float64(rng.Int64N(1<<20)))
	}
	for _, f := range cases {
		if got, _ := number(f); got != strconv.FormatFloat(f, 'f', -1, 64) {
			t.Errorf("Number(%v) = %q, want %q", f, got, strconv.FormatFloat(f, 'f', -1, 64))
		}
	}
}

func TestSortedKeysIsBytewise(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 15, 16, 17, 33, 100, 1000} {
		m := map[string]any{}
		for len(m) < n {
			m[strconv.Itoa(rng.IntN(1_000_000))+string(rune('A'+rng.IntN(60)))] = nil
		}
		want := make([]string, 0, n)
		for k := range m {
			want = append(want, k)
		}
		slices.Sort(want)
		if got := SortedKeys(m); !slices.Equal(got, want) {
			t.Errorf("%d keys: %v", n, got)
		}
	}
}

func TestAppendSortedKeysKeepsWhatItAppendsTo(t *testing.T) {
	got := AppendSortedKeys([]string{"z"}, map[string]any{"b": 1, "a": 2, "c": nil})
	if want := []string{"z", "a", "b", "c"}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
