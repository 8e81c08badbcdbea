module example.com/feed

go 1.21

require github.com/gorilla/websocket v1.5.1
