//! Work done once for a group of concurrent requests.
//!
//! Some per-request work is cheaper done for many requests at once: one statement instead of
//! one per request. A [`Grouped`] worker takes the items requests submit; while it handles a
//! group, new items queue, and the next group is everything queued by then. Each request waits
//! for the outcome of its own group, so nothing is answered before its work is done, and every
//! group starts after all of its items were submitted. Without a Tokio runtime to run the worker
//! on, or once it stops, each request does its own work. [`Grouped::pending`] says how many
//! items wait for the worker (its queue depth, a series at `/metrics`).

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};

type Handler<T, R> =
    Arc<dyn Fn(Vec<T>) -> Pin<Box<dyn Future<Output = Result<R, String>> + Send>> + Send + Sync>;

/// A worker handling submitted items in groups of at most `max_group`.
pub struct Grouped<T, R> {
    sender: mpsc::UnboundedSender<(T, oneshot::Sender<Result<R, String>>)>,
    handler: Handler<T, R>,
    /// Items submitted to the worker and not answered yet (queued, or in the group at work).
    pending: Arc<AtomicUsize>,
}

impl<T, R> std::fmt::Debug for Grouped<T, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Grouped").finish_non_exhaustive()
    }
}

impl<T, R> Grouped<T, R>
where
    T: Clone + Send + 'static,
    R: Clone + Send + 'static,
{
    /// Starts the worker on the current Tokio runtime; `handler` does the work of one group.
    pub fn start<F, Fut>(max_group: usize, handler: F) -> Self
    where
        F: Fn(Vec<T>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<R, String>> + Send + 'static,
    {
        let handler: Handler<T, R> = Arc::new(move |items| Box::pin(handler(items)));
        let (sender, mut receiver) = mpsc::unbounded_channel();
        let pending = Arc::new(AtomicUsize::new(0));
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            let work = handler.clone();
            let answered = pending.clone();
            runtime.spawn(async move {
                let mut queued: Vec<(T, oneshot::Sender<Result<R, String>>)> = Vec::new();
                while receiver.recv_many(&mut queued, max_group).await > 0 {
                    let (items, waiting): (Vec<T>, Vec<_>) = queued.drain(..).unzip();
                    let outcome = work(items).await;
                    answered.fetch_sub(waiting.len(), Ordering::Relaxed);
                    for waiter in waiting {
                        let _ = waiter.send(outcome.clone());
                    }
                }
            });
        }
        Self {
            sender,
            handler,
            pending,
        }
    }

    /// Items submitted to the worker and not answered yet: queued, or in the group at work.
    pub fn pending(&self) -> usize {
        self.pending.load(Ordering::Relaxed)
    }

    /// Submits `item` and waits for the outcome of its group.
    pub async fn submit(&self, item: T) -> Result<R, String> {
        let (waiter, outcome) = oneshot::channel();
        self.pending.fetch_add(1, Ordering::Relaxed);
        if self.sender.send((item.clone(), waiter)).is_ok() {
            if let Ok(outcome) = outcome.await {
                return outcome;
            }
        } else {
            self.pending.fetch_sub(1, Ordering::Relaxed);
        }
        // No worker, or it stopped before answering (its group was not handled to the end).
        (self.handler)(vec![item]).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn every_item_gets_the_outcome_of_its_group() {
        let groups = Arc::new(AtomicUsize::new(0));
        let counted = groups.clone();
        let worker = Arc::new(Grouped::start(64, move |items: Vec<u32>| {
            counted.fetch_add(1, Ordering::SeqCst);
            async move { Ok::<u32, String>(items.iter().sum()) }
        }));
        let mut tasks = Vec::new();
        for i in 0..200u32 {
            let worker = worker.clone();
            tasks.push(tokio::spawn(async move { (i, worker.submit(i).await) }));
        }
        for task in tasks {
            let (i, outcome) = task.await.expect("answered");
            assert!(outcome.expect("a sum") >= i);
        }
        let groups = groups.load(Ordering::SeqCst);
        assert!((1..=200).contains(&groups), "{groups} groups");
    }

    #[test]
    fn without_a_runtime_each_item_is_handled_alone() {
        let worker = Grouped::start(64, |items: Vec<u32>| async move {
            Ok::<usize, String>(items.len())
        });
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a runtime");
        assert_eq!(runtime.block_on(worker.submit(7)), Ok(1));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn pending_counts_the_items_not_answered_yet() {
        let (release, released) = tokio::sync::watch::channel(false);
        let worker = Arc::new(Grouped::start(64, move |items: Vec<u32>| {
            let mut released = released.clone();
            async move {
                let _ = released.wait_for(|go| *go).await;
                Ok::<usize, String>(items.len())
            }
        }));
        assert_eq!(worker.pending(), 0);
        let tasks: Vec<_> = (0..3u32)
            .map(|i| {
                let worker = worker.clone();
                tokio::spawn(async move { worker.submit(i).await })
            })
            .collect();
        // The handler waits for the release: every item stays pending until then.
        while worker.pending() < 3 {
            tokio::task::yield_now().await;
        }
        assert_eq!(worker.pending(), 3);
        release.send(true).expect("the worker listens");
        for task in tasks {
            assert!(task.await.expect("answered").is_ok());
        }
        assert_eq!(worker.pending(), 0);
    }

    #[tokio::test]
    async fn a_failed_group_fails_each_of_its_items() {
        let worker = Grouped::start(8, |_: Vec<u32>| async { Err::<(), _>("no".to_owned()) });
        assert_eq!(worker.submit(1).await, Err("no".to_owned()));
    }
}
