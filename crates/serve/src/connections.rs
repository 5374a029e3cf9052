//! The server's own accept loop: what a public socket needs beyond routing.
//!
//! `axum::serve` keeps a connection as long as the client does: an idle or
//! half-sent connection stayed open for good, and the number of open sockets
//! was bounded only by the file-descriptor limit. Here each connection is
//! served by hyper's HTTP/1 with:
//!
//! - a **header timeout** (hyper's `header_read_timeout`, started when the
//!   connection opens): a client that does not send a whole request head in
//!   time is disconnected (slow or silent clients);
//! - an **idle timeout**, kept by this module: a connection that has neither
//!   read nor written a byte for that long is shut down gracefully (a request
//!   in flight still gets its answer; an idle keep-alive connection closes);
//!   the request body has its own timeout where it is read;
//! - a **cap on connections**: past it, a new connection is answered `503`
//!   at once and closed, so that the cap cannot be exceeded and the
//!   connections already held keep being served;
//! - a **graceful shutdown**: when the shutdown signal comes (SIGTERM or
//!   Ctrl-C for `parley serve`), the listener closes, every connection is
//!   asked to finish its request in flight and close, and the server waits
//!   for them up to a grace period.

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};

/// The timeouts and the cap of the server's connections.
#[derive(Clone, Debug, PartialEq)]
pub struct Limits {
    /// Time for a new connection to send a whole request head (default 10 s).
    pub header_timeout: Duration,
    /// Time to receive a request body (default 30 s).
    pub body_timeout: Duration,
    /// A connection with no byte read or written for this long is closed (default 60 s).
    pub idle_timeout: Duration,
    /// Connections served at once; more are answered 503 (default 1,000).
    pub max_connections: usize,
    /// How long a shutdown waits for requests in flight (default 30 s).
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            idle_timeout: Duration::from_secs(60),
            max_connections: 1000,
            shutdown_grace: Duration::from_secs(30),
        }
    }
}

/// When a connection last read or wrote, in milliseconds since it opened.
#[derive(Clone)]
struct Activity {
    opened: Instant,
    last_ms: Arc<AtomicU64>,
}

impl Activity {
    fn new() -> Activity {
        Activity { opened: Instant::now(), last_ms: Arc::new(AtomicU64::new(0)) }
    }

    fn touch(&self) {
        self.last_ms.store(self.opened.elapsed().as_millis() as u64, Ordering::Relaxed);
    }

    /// When the connection becomes idle for `idle`, unless it reads or writes first.
    fn idle_at(&self, idle: Duration) -> tokio::time::Instant {
        let last = self.opened + Duration::from_millis(self.last_ms.load(Ordering::Relaxed));
        tokio::time::Instant::from_std(last + idle)
    }
}

/// A stream that notes every read and write that moved bytes.
struct Watched<S> {
    inner: S,
    activity: Activity,
}

impl<S: AsyncRead + Unpin> AsyncRead for Watched<S> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let out = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.activity.touch();
        }
        out
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Watched<S> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, data: &[u8]) -> Poll<std::io::Result<usize>> {
        let out = Pin::new(&mut self.inner).poll_write(cx, data);
        if matches!(out, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        out
    }

    fn poll_write_vectored(mut self: Pin<&mut Self>, cx: &mut Context<'_>, bufs: &[std::io::IoSlice<'_>]) -> Poll<std::io::Result<usize>> {
        let out = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(out, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        out
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// The answer to a connection over the cap.
fn busy() -> Vec<u8> {
    let body = r#"{"error": "too many connections: try again in a moment"}"#;
    format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Answers a connection over the cap with `503`, then reads what the client
/// sent (for a second at most) before closing, so that the answer is not
/// lost to a reset.
async fn refuse(mut stream: tokio::net::TcpStream) {
    use tokio::io::AsyncReadExt;
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        stream.write_all(&busy()).await?;
        stream.shutdown().await?;
        let mut sink = [0u8; 4096];
        while stream.read(&mut sink).await? > 0 {}
        Ok::<(), std::io::Error>(())
    })
    .await;
}

/// Listens on `addr` with a backlog of 4,096 (the system may lower it):
/// with the usual 1,024, a burst of connections beyond it waits in the
/// kernel and is accepted, and so timed, only seconds later.
pub async fn bind(addr: &str) -> std::io::Result<TcpListener> {
    let mut last = None;
    for a in tokio::net::lookup_host(addr).await? {
        let socket = if a.is_ipv4() { tokio::net::TcpSocket::new_v4()? } else { tokio::net::TcpSocket::new_v6()? };
        socket.set_reuseaddr(true)?;
        match socket.bind(a).and_then(|()| socket.listen(4096)) {
            Ok(listener) => return Ok(listener),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "no address to listen on")))
}

/// Serves `router` on `listener` until `shutdown` completes, then lets the
/// requests in flight finish (up to the grace period).
pub async fn serve(listener: TcpListener, router: Router, limits: Limits, shutdown: impl Future<Output = ()>) -> std::io::Result<()> {
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let (stop, stopping) = watch::channel(false);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout).keep_alive(true);
    tokio::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors or the like: wait instead of spinning.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let Ok(permit) = permits.clone().try_acquire_owned() else {
            tokio::spawn(refuse(stream));
            continue;
        };
        let _ = stream.set_nodelay(true);
        let activity = Activity::new();
        let io = TokioIo::new(Watched { inner: stream, activity: activity.clone() });
        let conn = http.serve_connection(io, TowerToHyperService::new(router.clone()));
        let (idle, grace) = (limits.idle_timeout, limits.shutdown_grace);
        let mut stopping = stopping.clone();
        tokio::spawn(async move {
            let _permit = permit;
            tokio::pin!(conn);
            // Until idle or told to stop, the connection runs as it likes.
            loop {
                tokio::select! {
                    _ = conn.as_mut() => return,
                    _ = tokio::time::sleep_until(activity.idle_at(idle)) => {
                        if tokio::time::Instant::now() >= activity.idle_at(idle) {
                            break;
                        }
                    }
                    _ = stopping.wait_for(|stop| *stop) => break,
                }
            }
            // Then it finishes the request in flight, if any, and closes.
            conn.as_mut().graceful_shutdown();
            let _ = tokio::time::timeout(grace, conn).await;
        });
    }
    drop(listener);
    let _ = stop.send(true);
    // Every connection holds a permit: all of them back means all closed.
    let all = u32::try_from(limits.max_connections).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(limits.shutdown_grace + Duration::from_secs(1), permits.acquire_many(all)).await;
    Ok(())
}

/// Completes on SIGTERM or Ctrl-C (SIGINT).
pub async fn termination() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
