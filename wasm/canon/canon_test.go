package canon

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

func TestNumber(t *testing.T) {
	for f, want := range map[float64]string{0.1: "0.1", 1.5e21: "1.5e+21", 1e-7: "1e-7", 2.5e-8: "2.5e-8", 1e-6: "0.000001",
		math.Copysign(0, -1): "0", 1568810420: "1568810420", -3: "-3", 123456789012345680000: "123456789012345680000", 5e-324: "5e-324"} {
		if got, err := Number(f); err != nil || got != want {
			t.Errorf("Number(%v) = %q, %v; want %q", f, got, err, want)
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
