module github.com/cldsign/cldsign

go 1.26.8
