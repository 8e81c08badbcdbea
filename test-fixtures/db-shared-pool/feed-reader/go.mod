module example.com/rss

go 1.21
