import { render } from 'preact';
import '../../assets/main.css';
import { App } from './App';

render(<App />, document.getElementById('app')!);
