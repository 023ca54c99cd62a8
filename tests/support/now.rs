//! Shared by the native tests that call the client off WebAssembly.

/// Runs a future that needs no waiting (natively a call ends before it would send) to its end.
pub fn now<F: std::future::Future>(future: F) -> F::Output {
    struct Nobody;
    impl std::task::Wake for Nobody {
        fn wake(self: std::sync::Arc<Self>) {}
    }
    let waker = std::task::Waker::from(std::sync::Arc::new(Nobody));
    let mut future = std::pin::pin!(future);
    let mut context = std::task::Context::from_waker(&waker);
    match future.as_mut().poll(&mut context) {
        std::task::Poll::Ready(output) => output,
        std::task::Poll::Pending => panic!("the call waited for something"),
    }
}
